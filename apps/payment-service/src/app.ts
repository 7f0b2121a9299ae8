import { authenticate } from '@platform/auth';
import { accessTokenVerifier, dependencyCheck } from '@platform/clients';
import { type Broker } from '@platform/messaging';
import { type BreakerRegistry, type ServiceClient } from '@platform/resilience';
import {
  createService,
  redisCheck,
  type HealthCheck,
  type Logger,
  type Metrics,
  type Service,
} from '@platform/service-kit';
import { Router } from 'express';
import type Redis from 'ioredis';
import { type Config } from './config';

export interface AppDeps {
  config: Config;
  redis: Redis;
  broker: Broker;
  breakers: BreakerRegistry;
  orderService: ServiceClient;
  userService: ServiceClient;
  /** The outbox relay's (degraded while events are parked) and the consumer's. */
  checks: HealthCheck[];
  /** The component routers (payments, wallet, webhooks), built in compose.ts from their use cases. */
  routers: Router[];
  logger: Logger;
  metrics: Metrics;
}

/** payment-service's HTTP app: who is calling (user access tokens), then each component's routes. */
export function buildApp(deps: AppDeps): Service {
  const { config, redis, broker, logger, metrics } = deps;
  // people pay; no API keys here. The gateway's callbacks carry no credential: their signature is it.
  const auth = authenticate({ verifyAccessToken: accessTokenVerifier(config, logger) });
  return createService({
    name: 'payment-service',
    // signed callbacks verify the exact bytes received
    keepRawBody: (path) => path.startsWith('/api/webhooks/'),
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [
      redisCheck(redis, 'database', true),
      broker.healthCheck(false),
      dependencyCheck(deps.orderService),
      ...deps.checks,
    ],
    routes: [deps.breakers.router(), Router().use(auth), ...deps.routers],
  });
}
