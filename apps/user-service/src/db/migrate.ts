import path from 'node:path';
import { type Logger } from '@platform/service-kit';
import { runner } from 'node-pg-migrate';

/** Applies pending SQL migrations (node-pg-migrate) at start; a lock keeps replicas from racing. */
export async function migrate(databaseUrl: string, logger: Logger): Promise<void> {
  await runner({
    databaseUrl,
    dir: path.join(__dirname, 'migrations'),
    direction: 'up',
    migrationsTable: 'pgmigrations',
    singleTransaction: true,
    checkOrder: true,
    log: (msg: string) => logger.debug(msg),
  });
}
