import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createRedis, type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { type Config } from './config';
import { Mailer } from './mail/mailer';
import { buildConsumer } from './worker';

/** notification-worker wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>) {
  const redis = createRedis(config.REDIS_URL, { metrics });
  await redis.connect();
  const broker = Broker.fromConfig('notification-worker', config, logger);
  await broker.ensureTopics([TOPICS.userEvents, TOPICS.notifications]);
  const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
  const consumer = buildConsumer({ config, broker, redis, mailer, logger, metrics });
  await consumer.start();
  const { app, health } = buildApp({ config, redis, broker, consumer, mailer, logger, metrics });
  return {
    app,
    health,
    redis,
    broker,
    consumer,
    mailer,
    closers: [() => consumer.stop(), () => mailer.close(), () => broker.disconnect(), () => redis.quit()],
  };
}
