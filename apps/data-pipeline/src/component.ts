import { type ServiceClient, type BreakerRegistry } from '@platform/resilience';
import { type Broker, type Publisher } from '@platform/messaging';
import { type HealthCheck, type Logger, type Metrics } from '@platform/service-kit';
import { type RequestHandler, type Router } from 'express';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { type Config } from './config';
import { type ObjectStore } from '@platform/storage';

/** What compose.ts hands every component. */
export interface ComponentDeps {
  config: Config;
  pool: Pool;
  redis: Redis;
  store: ObjectStore;
  broker: Broker;
  /** acks=all, idempotent: ingestion answers "accepted" only after it resolved. */
  publisher: Publisher;
  breakers: BreakerRegistry;
  userService: ServiceClient;
  logger: Logger;
  metrics: Metrics;
}

/** Background work (consumers, writers, compaction): started after the app is built, stopped first. */
export interface Background {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** A component: its routers, its background work and its health checks. */
export interface Component {
  routers: Router[];
  background: Background[];
  checks: HealthCheck[];
}

/** The public routes' guards (who calls, rate limit, quota, usage metering), in order. */
export interface PublicGuards {
  /** Run on every request before any router: resolves the caller (JWT, API key, service token, producer key). */
  authenticate: RequestHandler;
  /** Run on `/api/v1/*` after authentication: rate limit, quota, metering. */
  publicRoutes: RequestHandler[];
}
