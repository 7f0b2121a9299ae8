import { type HealthCheck } from '../http/health';
import { Pool, type PoolClient } from 'pg';
import { dbMetrics, sqlLabels, type DbMetrics } from '../observability/db-metrics';
import { type Metrics } from '../observability/metrics';
import { translatePgError } from './pg-errors';

export interface PgPoolOptions {
  max?: number;
  /** Counts and times every query (`db_queries_total`, …) and the open connections. */
  metrics?: Metrics;
}

/** A pg pool that gives up connecting after 2 s, so an outage answers 503 instead of hanging. */
export function createPgPool(url: string, { max = 10, metrics }: PgPoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
  });
  // an idle client losing its connection (database restart) must not crash the process
  pool.on('error', () => undefined);
  // nor a checked-out one (a transaction, a compaction, between two of its queries): its 'error' event
  // has no other listener then, and the failing query reports the loss anyway (the fault suite's
  // PostgreSQL restart took data-pipeline down with "Connection terminated unexpectedly")
  pool.on('connect', (client) => client.on('error', () => undefined));
  if (metrics) {
    const db = dbMetrics(metrics);
    db.countConnections(() => pool.totalCount);
    // pool.query and transactions both run on a client: measuring clients measures everything
    pool.on('connect', (client) => instrumentClient(client, db));
  }
  return pool;
}

type QueryFn = (...args: unknown[]) => unknown;

/** Wraps `client.query` (promise and callback forms) to time each statement with its SQL labels. */
function instrumentClient(client: PoolClient, db: DbMetrics): void {
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: unknown; submit?: unknown } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    // a Submittable (cursor, stream) reports its own completion: leave it as it is
    if (typeof text !== 'string' || (typeof first === 'object' && typeof first.submit === 'function'))
      return query(...args);
    const { queryType, table } = sqlLabels(text);
    const done = db.observe(queryType, table);
    const callbackAt = args.findIndex((a) => typeof a === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (...r: unknown[]) => void;
      args[callbackAt] = (...result: unknown[]) => {
        done();
        callback(...result);
      };
      return query(...args);
    }
    const result = query(...args) as Promise<unknown>;
    return result.then(
      (value) => (done(), value),
      (err: unknown) => {
        done();
        throw err;
      },
    );
  };
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
