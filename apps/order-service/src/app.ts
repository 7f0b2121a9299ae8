import { type Broker } from '@platform/messaging';
import { createService, type Logger, type Metrics, type Service } from '@platform/service-kit';
import { type Connection } from 'mongoose';
import { type Config } from './config';
import { mongoCheck } from './db/mongo';

export interface AppDeps {
  config: Config;
  mongo: Connection;
  broker: Broker;
  logger: Logger;
  metrics: Metrics;
}

/** order-service's HTTP app. Catalog, carts and orders come with their own issues. */
export function buildApp({ config, mongo, broker, logger, metrics }: AppDeps): Service {
  return createService({
    name: 'order-service',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [mongoCheck(mongo), broker.healthCheck(false)],
  });
}
