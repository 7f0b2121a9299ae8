import { type HealthCheck } from '../http/health';
import { Pool, type PoolClient } from 'pg';
import { translatePgError } from './pg-errors';

/** A pg pool that gives up connecting after 2 s, so an outage answers 503 instead of hanging. */
export function createPgPool(url: string, max = 10): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
  });
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

export const pgCheck = (pool: Pool): HealthCheck => ({
  name: 'database',
  critical: true,
  check: async () => {
    await pool.query('SELECT 1');
  },
});
