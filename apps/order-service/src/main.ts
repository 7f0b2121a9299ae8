import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics, exitOnUnhandled, listen, shutdownOn } from '@platform/service-kit';
import { buildApp } from './app';
import { loadOrderServiceConfig } from './config';
import { connectMongo } from './db/mongo';

async function main(): Promise<void> {
  const config = loadOrderServiceConfig();
  const logger = createLogger('order-service', config.LOG_LEVEL);
  exitOnUnhandled(logger);
  const metrics = createMetrics('order-service');

  const mongo = await connectMongo(config.MONGO_URL);
  const broker = new Broker({ clientId: 'order-service', brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX, logger });
  await broker.ensureTopics([TOPICS.itemEvents, TOPICS.orderEvents]);

  const { app, health } = buildApp({ config, mongo, broker, logger, metrics });
  const server = await listen(app, config.PORT);
  logger.info('order-service listening', { port: config.PORT });
  shutdownOn({ logger, health, server, closers: [() => broker.disconnect(), () => mongo.close()] });
}

main().catch((err: unknown) => {
  process.stderr.write(`order-service failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
