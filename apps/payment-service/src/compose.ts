import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import { createRedis, type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { createOrderServiceClient } from './clients/order-service.client';
import { type Config } from './config';

/** payment-service wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>) {
  const redis = createRedis(config.REDIS_URL, { metrics });
  await redis.connect();
  const broker = Broker.fromConfig('payment-service', config, logger);
  await broker.ensureTopics([TOPICS.paymentEvents]);
  const breakers = new BreakerRegistry(metrics);
  const orderService = createOrderServiceClient(config, breakers);
  const { app, health } = buildApp({ config, redis, broker, breakers, orderService, logger, metrics });
  return {
    app,
    health,
    redis,
    broker,
    breakers,
    orderService,
    closers: [() => breakers.shutdown(), () => broker.disconnect(), () => redis.quit()],
  };
}
