import { authenticate, createServiceTokens } from '@platform/auth';
import { accessTokenVerifier, apiKeyVerifier, dependencyCheck } from '@platform/clients';
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
import { type Connection } from 'mongoose';
import { type Config } from './config';
import { mongoCheck } from './db/mongo';

export interface AppDeps {
  config: Config;
  mongo: Connection;
  redis: Redis;
  broker: Broker;
  breakers: BreakerRegistry;
  userService: ServiceClient;
  logger: Logger;
  metrics: Metrics;
  /** The outbox relay's check: degraded while events are parked. */
  outboxCheck?: HealthCheck;
  /** The component routers (catalog, carts, orders …), built in compose.ts from their use cases. */
  routers: Router[];
}

/** order-service's HTTP app: who is calling, then each component's routes. */
export function buildApp(deps: AppDeps): Service {
  const { config, mongo, redis, broker, userService, logger, metrics } = deps;
  const auth = authenticate({
    verifyAccessToken: accessTokenVerifier(config, logger),
    verifyApiKey: apiKeyVerifier(userService),
    // payment-service's token for PUT /api/orders/{id}/status (allowServices); user routes refuse it
    serviceTokens: { tokens: createServiceTokens(config.SERVICE_TOKEN_SECRET), audience: 'order-service' },
  });
  return createService({
    name: 'order-service',
    // signed webhooks verify the exact bytes received
    keepRawBody: (path) => path.startsWith('/api/webhooks/'),
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [
      mongoCheck(mongo),
      redisCheck(redis, 'cache', false),
      broker.healthCheck(false),
      dependencyCheck(userService),
      ...(deps.outboxCheck ? [deps.outboxCheck] : []),
    ],
    routes: [deps.breakers.router(), Router().use(auth), ...deps.routers],
  });
}
