import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createRedis, type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { type Config } from './config';
import { deliveryMetrics } from './deliveries/delivery-metrics';
import { Mailer } from './mail/mailer';
import { Templates } from './templates/templates';
import { buildUserProjection } from './users/user-projection';
import { UsersRepository } from './users/users.repository';
import { buildConsumer } from './worker';

/** notification-worker wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>) {
  const templates = Templates.load();
  const redis = createRedis(config.REDIS_URL, { metrics });
  await redis.connect();
  const broker = Broker.fromConfig('notification-worker', config, logger);
  await broker.ensureTopics([
    TOPICS.userEvents,
    TOPICS.notifications,
    TOPICS.orderEvents,
    TOPICS.paymentEvents,
  ]);
  const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
  const users = new UsersRepository(redis);
  // the projection first: mails read it
  const userProjection = buildUserProjection({ config, broker, users, metrics });
  const consumer = buildConsumer({
    config,
    broker,
    redis,
    mailer,
    templates,
    users,
    deliveryMetrics: deliveryMetrics(metrics),
    logger,
    metrics,
  });
  // each joins its own group: in parallel, not one rebalance after the other
  await Promise.all([userProjection, consumer].map((c) => c.start()));
  const { app, health } = buildApp({
    config,
    redis,
    broker,
    consumers: { consumer, user_projection: userProjection },
    mailer,
    logger,
    metrics,
  });
  return {
    app,
    health,
    redis,
    broker,
    consumer,
    mailer,
    closers: [
      () => consumer.stop(),
      () => userProjection.stop(),
      () => mailer.close(),
      () => broker.disconnect(),
      () => redis.quit(),
    ],
  };
}
