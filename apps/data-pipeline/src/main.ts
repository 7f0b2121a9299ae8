import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics, createPgPool, exitOnUnhandled, listen, shutdownOn } from '@platform/service-kit';
import { buildApp } from './app';
import { loadDataPipelineConfig } from './config';
import { LocalObjectStore } from './storage/local-object-store';

async function main(): Promise<void> {
  const config = loadDataPipelineConfig();
  const logger = createLogger('data-pipeline', config.LOG_LEVEL);
  exitOnUnhandled(logger);
  const metrics = createMetrics('data-pipeline');

  const pool = createPgPool(config.DATABASE_URL);
  const store = new LocalObjectStore(config.OBJECT_STORE_DIR);
  await store.init();
  const broker = new Broker({ clientId: 'data-pipeline', brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX, logger });
  await broker.ensureTopics([TOPICS.itemEvents, TOPICS.orderEvents]);

  const { app, health } = buildApp({ config, pool, store, broker, logger, metrics });
  const server = await listen(app, config.PORT);
  logger.info('data-pipeline listening', { port: config.PORT });
  shutdownOn({ logger, health, server, closers: [() => broker.disconnect(), () => pool.end()] });
}

main().catch((err: unknown) => {
  process.stderr.write(`data-pipeline failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
