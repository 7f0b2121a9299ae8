import { type HealthCheck } from '@platform/service-kit';
import { Pool, type PoolClient } from 'pg';
import { translatePgError } from './pg-errors';

export function createPool(url: string): Pool {
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30_000 });
  // an idle client losing its connection (database restart) must not crash the process
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect().catch((err: unknown) => Promise.reject(translatePgError(err)));
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw translatePgError(err);
  } finally {
    client.release();
  }
}

export const databaseCheck = (pool: Pool): HealthCheck => ({
  name: 'database',
  critical: true,
  check: async () => {
    await pool.query('SELECT 1');
  },
});
