import { type Broker } from '@platform/messaging';
import { type BreakerRegistry } from '@platform/resilience';
import {
  createService,
  openApiRouter,
  pgCheck,
  redisCheck,
  type HealthCheck,
  type Logger,
  type Metrics,
  type Service,
} from '@platform/service-kit';
import { type RequestHandler, Router } from 'express';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { type Config } from './config';
import { buildMlEngineOpenApi } from './openapi/openapi';
import { type ObjectStore } from '@platform/storage';

export interface AppDeps {
  config: Config;
  pool: Pool;
  redis: Redis;
  store: ObjectStore;
  broker: Broker;
  breakers: BreakerRegistry;
  logger: Logger;
  metrics: Metrics;
  /** Resolves the caller of every request (libs/clients tenantCallers). */
  authenticate: RequestHandler;
  /** Rate limit and metering of `/api/v1/*` (recommendations component). */
  publicRoutes: RequestHandler[];
  /** The component routers, built in compose.ts. */
  routers: Router[];
  checks: HealthCheck[];
}

/** ml-engine's HTTP app: who is calling, the public routes' guards, then each component's routes. */
export function buildApp(deps: AppDeps): Service {
  const { config, pool, redis, store, broker, logger, metrics } = deps;
  const guards = Router().use(deps.authenticate);
  if (deps.publicRoutes.length) guards.use('/api/v1', ...deps.publicRoutes);
  return createService({
    name: 'ml-engine',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [
      pgCheck(pool),
      store.healthCheck(),
      redisCheck(redis, 'cache', false),
      broker.healthCheck(false),
      ...deps.checks,
    ],
    routes: [openApiRouter(buildMlEngineOpenApi()), deps.breakers.router(), guards, ...deps.routers],
  });
}
