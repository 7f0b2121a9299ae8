import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createRedis, runService } from '@platform/service-kit';
import { buildApp } from './app';
import { loadWorkerConfig } from './config';
import { Mailer } from './mail/mailer';
import { buildConsumer } from './worker';

runService('notification-worker', loadWorkerConfig, async ({ config, logger, metrics }) => {
  const redis = createRedis(config.REDIS_URL);
  await redis.connect();
  const broker = Broker.fromConfig('notification-worker', config, logger);
  await broker.ensureTopics([TOPICS.userEvents, TOPICS.notifications]);
  const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
  const consumer = buildConsumer({ config, broker, redis, mailer });
  await consumer.start();
  const { app, health } = buildApp({ config, redis, broker, consumer, mailer, logger, metrics });
  return {
    app,
    health,
    closers: [() => consumer.stop(), () => mailer.close(), () => broker.disconnect(), () => redis.quit()],
  };
});
