import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics, createPgPool, exitOnUnhandled, listen, shutdownOn } from '@platform/service-kit';
import { buildApp } from './app';
import { loadMlEngineConfig } from './config';

async function main(): Promise<void> {
  const config = loadMlEngineConfig();
  const logger = createLogger('ml-engine', config.LOG_LEVEL);
  exitOnUnhandled(logger);
  const metrics = createMetrics('ml-engine');

  const pool = createPgPool(config.DATABASE_URL);
  const broker = new Broker({ clientId: 'ml-engine', brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX, logger });
  await broker.ensureTopics([TOPICS.itemEvents]);

  const { app, health } = buildApp({ config, pool, broker, logger, metrics });
  const server = await listen(app, config.PORT);
  logger.info('ml-engine listening', { port: config.PORT });
  shutdownOn({ logger, health, server, closers: [() => broker.disconnect(), () => pool.end()] });
}

main().catch((err: unknown) => {
  process.stderr.write(`ml-engine failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
