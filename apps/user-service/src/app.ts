import { hashPassword } from '@platform/auth';
import { type Broker } from '@platform/messaging';
import { createService, pgCheck, type Logger, type Metrics, type Service } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type Config } from './config';
import { UsersRepository } from './users/users.repository';
import { usersRouter } from './users/users.routes';

export interface AppDeps {
  config: Config;
  pool: Pool;
  broker: Broker;
  logger: Logger;
  metrics: Metrics;
}

/** user-service's HTTP app, from its parts. Kafka is not critical here: the outbox holds events meanwhile. */
export function buildApp({ config, pool, broker, logger, metrics }: AppDeps): Service {
  const users = new UsersRepository(pool);
  return createService({
    name: 'user-service',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [pgCheck(pool), broker.healthCheck(false)],
    routes: [usersRouter({ users, hashPassword: (p) => hashPassword(p, config.BCRYPT_ROUNDS) })],
  });
}
