import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import { createRedis, runService } from '@platform/service-kit';
import { buildApp } from './app';
import { createOrderServiceClient } from './clients/order-service.client';
import { loadPaymentServiceConfig } from './config';

runService('payment-service', loadPaymentServiceConfig, async ({ config, logger, metrics }) => {
  const redis = createRedis(config.REDIS_URL);
  await redis.connect();
  const broker = Broker.fromConfig('payment-service', config, logger);
  await broker.ensureTopics([TOPICS.paymentEvents]);
  const breakers = new BreakerRegistry(metrics);
  const orderService = createOrderServiceClient(config, breakers);
  const { app, health } = buildApp({ config, redis, broker, breakers, orderService, logger, metrics });
  return { app, health, closers: [() => breakers.shutdown(), () => broker.disconnect(), () => redis.quit()] };
});
