import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createPgPool, type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { type Config } from './config';
import { LocalObjectStore } from './storage/local-object-store';

/** data-pipeline wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>) {
  const pool = createPgPool(config.DATABASE_URL, { metrics });
  const store = new LocalObjectStore(config.OBJECT_STORE_DIR);
  await store.init();
  const broker = Broker.fromConfig('data-pipeline', config, logger);
  await broker.ensureTopics([TOPICS.itemEvents, TOPICS.orderEvents]);
  const { app, health } = buildApp({ config, pool, store, broker, logger, metrics });
  return { app, health, pool, store, broker, closers: [() => broker.disconnect(), () => pool.end()] };
}
