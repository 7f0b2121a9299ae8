import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createPgPool, runService } from '@platform/service-kit';
import { buildApp } from './app';
import { loadDataPipelineConfig } from './config';
import { LocalObjectStore } from './storage/local-object-store';

runService('data-pipeline', loadDataPipelineConfig, async ({ config, logger, metrics }) => {
  const pool = createPgPool(config.DATABASE_URL);
  const store = new LocalObjectStore(config.OBJECT_STORE_DIR);
  await store.init();
  const broker = Broker.fromConfig('data-pipeline', config, logger);
  await broker.ensureTopics([TOPICS.itemEvents, TOPICS.orderEvents]);
  const { app, health } = buildApp({ config, pool, store, broker, logger, metrics });
  return { app, health, closers: [() => broker.disconnect(), () => pool.end()] };
});
