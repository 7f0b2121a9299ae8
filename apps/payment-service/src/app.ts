import { type Broker } from '@platform/messaging';
import { type BreakerRegistry, type ServiceClient } from '@platform/resilience';
import { createService, redisCheck, type Logger, type Metrics, type Service } from '@platform/service-kit';
import type Redis from 'ioredis';
import { orderServiceCheck } from './clients/order-service.client';
import { type Config } from './config';

export interface AppDeps {
  config: Config;
  redis: Redis;
  broker: Broker;
  breakers: BreakerRegistry;
  orderService: ServiceClient;
  logger: Logger;
  metrics: Metrics;
}

/** payment-service's HTTP app. Payments and refunds come with their own issue. */
export function buildApp({
  config,
  redis,
  broker,
  breakers,
  orderService,
  logger,
  metrics,
}: AppDeps): Service {
  return createService({
    name: 'payment-service',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [redisCheck(redis, 'database', true), broker.healthCheck(false), orderServiceCheck(orderService)],
    routes: [breakers.router()],
  });
}
