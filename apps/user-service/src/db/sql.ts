import { translatePgError } from '@platform/service-kit';
import { type Pool, type PoolClient, type QueryResultRow } from 'pg';

/** A pool or the client of an open transaction: repositories work on either. */
export type Db = Pool | PoolClient;

/** Runs one statement; driver failures come out as AppErrors (an outage is 503, never a raw pg error). */
export async function query<R extends QueryResultRow>(
  db: Db,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  try {
    return (await db.query<R>(text, values)).rows;
  } catch (err) {
    throw translatePgError(err);
  }
}
