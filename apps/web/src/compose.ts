import { createService, type ServiceContext, type Started } from '@platform/service-kit';
import { type Config } from './config';

/** The web app's server: the gateway to the services, its session and dashboard endpoints, and the pages. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>): Promise<Started> {
  void config;
  const { app, health } = createService({ name: 'web', version: '0.1.0', logger, metrics, checks: [] });
  return { app, health, closers: [] };
}
