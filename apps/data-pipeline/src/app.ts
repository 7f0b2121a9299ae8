import { type Broker } from '@platform/messaging';
import { createService, pgCheck, type Logger, type Metrics, type Service } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type Config } from './config';
import { type LocalObjectStore } from './storage/local-object-store';

export interface AppDeps {
  config: Config;
  pool: Pool;
  store: LocalObjectStore;
  broker: Broker;
  logger: Logger;
  metrics: Metrics;
}

/** data-pipeline's HTTP app. Ingestion, Parquet and EventFlow come with their own issue. */
export function buildApp({ config, pool, store, broker, logger, metrics }: AppDeps): Service {
  return createService({
    name: 'data-pipeline',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [pgCheck(pool), store.healthCheck(), broker.healthCheck(false)],
  });
}
