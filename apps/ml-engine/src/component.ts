import { type Broker, type Publisher } from '@platform/messaging';
import { type BreakerRegistry, type ServiceClient } from '@platform/resilience';
import { type HealthCheck, type Logger, type Metrics } from '@platform/service-kit';
import { type ObjectStore } from '@platform/storage';
import { type RequestHandler, type Router } from 'express';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { type Config } from './config';

/** What compose.ts hands every component. */
export interface ComponentDeps {
  config: Config;
  pool: Pool;
  redis: Redis;
  /** ml-engine's own store: model artifacts and index snapshots, under `ml-engine/`. */
  store: ObjectStore;
  /** data-pipeline's store, read only: `tenants/{id}/catalog.json` and the Parquet files it lists. */
  trainingData: ObjectStore;
  broker: Broker;
  publisher: Publisher;
  breakers: BreakerRegistry;
  userService: ServiceClient;
  logger: Logger;
  metrics: Metrics;
}

/** Background work (consumers, the job runner): started after the app is built, stopped first. */
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

/** The public routes' guards (rate limit, metering), run on `/api/v1/*` after authentication. */
export type PublicGuards = RequestHandler[];
