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
import { INGESTION_BATCH_PATHS, INGESTION_BODY_LIMIT } from './ingestion/ingestion.routes';
import { buildDataPipelineOpenApi } from './openapi/openapi';
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
  /** Resolves the caller of every request (callers/callers.ts). */
  authenticate: RequestHandler;
  /** Rate limit, quota and metering of `/api/v1/*` (usage component). */
  publicRoutes: RequestHandler[];
  /** The component routers, built in compose.ts. */
  routers: Router[];
  checks: HealthCheck[];
}

/** data-pipeline's HTTP app: who is calling, the public routes' guards, then each component's routes. */
export function buildApp(deps: AppDeps): Service {
  const { config, pool, redis, store, broker, logger, metrics } = deps;
  const guards = Router().use(deps.authenticate);
  if (deps.publicRoutes.length) guards.use('/api/v1', ...deps.publicRoutes);
  return createService({
    name: 'data-pipeline',
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
    routes: [openApiRouter(buildDataPipelineOpenApi()), deps.breakers.router(), guards, ...deps.routers],
    largeBodies: { paths: INGESTION_BATCH_PATHS, limit: INGESTION_BODY_LIMIT },
  });
}
