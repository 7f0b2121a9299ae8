import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createPgPool, runService } from '@platform/service-kit';
import { buildApp } from './app';
import { loadMlEngineConfig } from './config';

runService('ml-engine', loadMlEngineConfig, async ({ config, logger, metrics }) => {
  const pool = createPgPool(config.DATABASE_URL);
  const broker = Broker.fromConfig('ml-engine', config, logger);
  await broker.ensureTopics([TOPICS.itemEvents]);
  const { app, health } = buildApp({ config, pool, broker, logger, metrics });
  return { app, health, closers: [() => broker.disconnect(), () => pool.end()] };
});
