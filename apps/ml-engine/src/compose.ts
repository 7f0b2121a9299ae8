import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createPgPool, type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { type Config } from './config';

/** ml-engine wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>) {
  const pool = createPgPool(config.DATABASE_URL, { metrics });
  const broker = Broker.fromConfig('ml-engine', config, logger);
  await broker.ensureTopics([TOPICS.itemEvents]);
  const { app, health } = buildApp({ config, pool, broker, logger, metrics });
  return { app, health, pool, broker, closers: [() => broker.disconnect(), () => pool.end()] };
}
