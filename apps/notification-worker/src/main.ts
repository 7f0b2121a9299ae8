import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics, createRedis, exitOnUnhandled, listen, shutdownOn } from '@platform/service-kit';
import { buildApp } from './app';
import { loadWorkerConfig } from './config';
import { Mailer } from './mail/mailer';
import { buildConsumer } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = createLogger('notification-worker', config.LOG_LEVEL);
  exitOnUnhandled(logger);
  const metrics = createMetrics('notification-worker');

  const redis = createRedis(config.REDIS_URL);
  await redis.connect();
  const broker = new Broker({ clientId: 'notification-worker', brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX, logger });
  await broker.ensureTopics([TOPICS.userEvents, TOPICS.notifications]);
  const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
  const consumer = buildConsumer({ config, broker, redis, mailer });
  await consumer.start();

  const { app, health } = buildApp({ config, redis, broker, consumer, mailer, logger, metrics });
  const server = await listen(app, config.PORT);
  logger.info('notification-worker listening', { port: config.PORT });
  shutdownOn({ logger, health, server, closers: [() => consumer.stop(), () => mailer.close(), () => broker.disconnect(), () => redis.quit()] });
}

main().catch((err: unknown) => {
  process.stderr.write(`notification-worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
