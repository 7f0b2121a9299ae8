import { type EventEnvelope } from '@platform/contracts';
import { type Pool } from 'pg';
import { type OutboxStats } from './outbox-metrics';

export interface PgOutboxRow {
  id: string;
  topic: string;
  payload: EventEnvelope;
  traceparent: string | null;
}

/** The relay's queries on the outbox table (PG_OUTBOX_DDL). */
export class PgOutboxStore {
  constructor(private readonly pool: Pool) {}

  /**
   * The lowest pending rows, in id order (commit order of each aggregate), except those in `inFlight`
   * (sent or being sent, not yet marked). Always from the lowest: a row with a lower id than one
   * already read may commit later (another aggregate's transaction took its id first), and a cursor
   * (`id > last`) would skip it until its aggregate's next event had overtaken it. The rows of a key
   * with a parked row are held back, so that key's order survives the parking and its release.
   */
  async fetch(inFlight: Iterable<string>, limit: number): Promise<PgOutboxRow[]> {
    const { rows } = await this.pool.query<PgOutboxRow>(
      `SELECT id, topic, payload, traceparent FROM outbox
       WHERE published_at IS NULL AND parked_at IS NULL
         AND id <> ALL(string_to_array($1, ',')::bigint[])
         AND message_key NOT IN (SELECT message_key FROM outbox WHERE parked_at IS NOT NULL)
       ORDER BY id LIMIT $2`,
      [[...inFlight].join(','), limit],
    );
    return rows;
  }

  /**
   * Marks exactly the rows that were published. Not `id <= $last`: a transaction that took a lower id
   * may commit after the SELECT, and a range would mark its row published without it ever being sent.
   */
  async markPublished(ids: string[]): Promise<void> {
    // one text parameter: pg would otherwise escape each element of an array parameter on its own
    await this.pool.query(
      "UPDATE outbox SET published_at = now() WHERE id = ANY(string_to_array($1, ',')::bigint[])",
      [ids.join(',')],
    );
  }

  /** Counts a failed attempt; the row is parked when it reaches `maxAttempts`. */
  async recordFailure(
    id: string,
    error: string,
    maxAttempts: number,
  ): Promise<{ attempts: number; parked: boolean }> {
    const { rows } = await this.pool.query<{ attempts: number; parked: boolean }>(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
         parked_at = CASE WHEN attempts + 1 >= $3 THEN now() END
       WHERE id = $1 RETURNING attempts, parked_at IS NOT NULL AS parked`,
      [id, error, maxAttempts],
    );
    return rows[0] ?? { attempts: 0, parked: false };
  }

  async stats(): Promise<OutboxStats> {
    const { rows } = await this.pool.query<{ pending: number; oldest: number }>(
      `SELECT
         (SELECT count(*)::int FROM outbox WHERE published_at IS NULL AND parked_at IS NULL) AS pending,
         COALESCE((SELECT EXTRACT(EPOCH FROM now() - created_at)::float8 FROM outbox
           WHERE published_at IS NULL AND parked_at IS NULL ORDER BY id LIMIT 1), 0) AS oldest`,
    );
    return { pending: rows[0].pending, oldestAgeSeconds: rows[0].oldest, ...(await this.parked()) };
  }

  /** Rows parked, and pending rows held back behind a parked row of their key. */
  async parked(): Promise<{ parked: number; heldBack: number }> {
    const { rows } = await this.pool.query<{ parked: number; held: number }>(
      `SELECT
         (SELECT count(*)::int FROM outbox WHERE parked_at IS NOT NULL) AS parked,
         (SELECT count(*)::int FROM outbox WHERE published_at IS NULL AND parked_at IS NULL
            AND message_key IN (SELECT message_key FROM outbox WHERE parked_at IS NOT NULL)) AS held`,
    );
    return { parked: rows[0].parked, heldBack: rows[0].held };
  }

  async deletePublishedBefore(hours: number): Promise<void> {
    await this.pool.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [
      hours,
    ]);
  }
}
