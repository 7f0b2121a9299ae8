import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { createRedis, type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { type Config } from './config';
import { deliveryMetrics } from './deliveries/delivery-metrics';
import { Mailer } from './mail/mailer';
import { CancelledOrdersRepository } from './orders/cancelled-orders.repository';
import { buildOrderProjection } from './orders/order-projection';
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
  const cancelledOrders = new CancelledOrdersRepository(redis);
  // the projections first: mails read them
  const userProjection = buildUserProjection({ config, broker, users, metrics });
  const orderProjection = buildOrderProjection({ config, broker, cancelledOrders, metrics });
  const consumer = buildConsumer({
    config,
    broker,
    redis,
    mailer,
    templates,
    users,
    cancelledOrders,
    deliveryMetrics: deliveryMetrics(metrics),
    logger,
    metrics,
  });
  // each joins its own group: in parallel, not one rebalance after the other
  await Promise.all([userProjection, orderProjection, consumer].map((c) => c.start()));
  const { app, health } = buildApp({
    config,
    redis,
    broker,
    consumers: { consumer, user_projection: userProjection, order_projection: orderProjection },
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
      () => orderProjection.stop(),
      () => userProjection.stop(),
      () => mailer.close(),
      () => broker.disconnect(),
      () => redis.quit(),
    ],
  };
}
