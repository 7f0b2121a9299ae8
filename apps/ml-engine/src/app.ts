import { type Broker } from '@platform/messaging';
import { createService, pgCheck, type Logger, type Metrics, type Service } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type Config } from './config';

export interface AppDeps {
  config: Config;
  pool: Pool;
  broker: Broker;
  logger: Logger;
  metrics: Metrics;
}

/** ml-engine's HTTP app. Embeddings, training and recommendations come with their own issue. */
export function buildApp({ config, pool, broker, logger, metrics }: AppDeps): Service {
  return createService({
    name: 'ml-engine',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [pgCheck(pool), broker.healthCheck(false)],
  });
}
