import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { Broker } from '@platform/messaging';
import { createLogger, createMetrics, createRedis } from '@platform/service-kit';
import { buildApp } from '../src/app';
import { loadWorkerConfig } from '../src/config';
import { Mailer } from '../src/mail/mailer';
import { buildConsumer } from '../src/worker';

/** The worker wired as main.ts wires it, on topics and a consumer group of this test file's own. */
export async function startWorker(opts: { redisUrl?: string } = {}) {
  const prefix = uniqueTopicPrefix();
  const config = loadWorkerConfig({
    ...process.env,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    KAFKA_TOPIC_PREFIX: prefix,
    CONSUMER_GROUP: `notification-worker-${randomUUID()}`,
  });
  const logger = createLogger('notification-worker', 'silent');
  const redis = createRedis(config.REDIS_URL);
  await redis.connect();
  const broker = Broker.fromConfig('notification-worker-test', config, logger);
  await broker.ensureTopics([TOPICS.userEvents, TOPICS.notifications]);
  const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
  const consumer = buildConsumer({ config, broker, redis, mailer });
  await consumer.start();
  const { app } = buildApp({
    config,
    redis,
    broker,
    consumer,
    mailer,
    logger,
    metrics: createMetrics('nw', { defaults: false }),
  });
  return {
    app,
    redis,
    group: config.CONSUMER_GROUP,
    topic: `${prefix}${TOPICS.userEvents}`,
    notificationsTopic: `${prefix}${TOPICS.notifications}`,
    async stop() {
      await consumer.stop();
      mailer.close();
      await broker.disconnect();
      redis.disconnect();
    },
  };
}
