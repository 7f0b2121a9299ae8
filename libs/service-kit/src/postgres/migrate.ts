import { runner } from 'node-pg-migrate';
import { type Logger } from '../observability/logger';

/** Applies a service's pending SQL migrations (node-pg-migrate) at start; its lock keeps replicas from racing. */
export async function runMigrations(databaseUrl: string, dir: string, logger: Logger): Promise<void> {
  await runner({
    databaseUrl,
    dir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    singleTransaction: true,
    checkOrder: true,
    log: (msg: string) => logger.debug(msg),
  });
}
