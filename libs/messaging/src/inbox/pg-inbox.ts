import { translatePgError } from '@platform/service-kit';
import { type Pool, type PoolClient } from 'pg';
import { type EventHandler, type HandlerContext, type InboxEvent } from './inbox';

/**
 * The inbox table: one row per event a consumer group has handled. Each service creates it in one
 * of its own migrations, with this DDL, in the database its handlers write to.
 */
export const PG_INBOX_DDL = `
CREATE TABLE IF NOT EXISTS processed_events (
  consumer_group text        NOT NULL,
  event_id       uuid        NOT NULL,
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX IF NOT EXISTS processed_events_processed_at ON processed_events (processed_at);
`;

/**
 * Exactly-once effects for PostgreSQL handlers: the library opens a transaction, records
 * `(consumer_group, event_id)` in `processed_events`, and runs the handler in that same transaction.
 * The mark and the handler's writes commit together or not at all, so a crash anywhere before COMMIT
 * leaves nothing and the redelivery applies the event once. A second delivery of the same event blocks
 * on the primary key until the first commits, then conflicts and is reported as a duplicate; if the
 * first rolled back, the second goes ahead.
 *
 * ```ts
 * const inbox = new PgInbox(pool);
 * handlers: { OrderConfirmed: inbox.handle(async (event, tx) => { await tx.query('UPDATE …') }) }
 * ```
 */
export class PgInbox {
  constructor(private readonly pool: Pool) {}

  /**
   * Forgets marks older than `days` (run it daily): the table would otherwise grow with every event.
   * Keep far more than any redelivery window (a replay from the DLQ is a new decision, not a duplicate).
   */
  async prune(days = 30): Promise<number> {
    const res = await this.pool.query(
      'DELETE FROM processed_events WHERE processed_at < now() - make_interval(days => $1)',
      [days],
    );
    return res.rowCount ?? 0;
  }

  handle<E extends InboxEvent>(
    fn: (event: E, tx: PoolClient, ctx: HandlerContext) => Promise<void>,
  ): EventHandler<E> {
    return async (event, ctx) => {
      const client = await this.pool.connect().catch((err: unknown) => Promise.reject(translatePgError(err)));
      // a connection that dies mid-transaction also emits 'error' on the client: the failing query
      // already reports it, and an unheard 'error' event would crash the process
      const ignore = () => undefined;
      client.on('error', ignore);
      let failed = false;
      try {
        await client.query('BEGIN');
        const claimed = await client.query(
          `INSERT INTO processed_events (consumer_group, event_id) VALUES ($1, $2)
           ON CONFLICT DO NOTHING`,
          [ctx.group, event.event_id],
        );
        if (claimed.rowCount === 0) {
          await client.query('ROLLBACK');
          return 'duplicate';
        }
        await fn(event, client, ctx);
        await client.query('COMMIT');
        return undefined;
      } catch (err) {
        failed = true;
        await client.query('ROLLBACK').catch(() => undefined);
        throw translatePgError(err);
      } finally {
        // a client whose transaction failed may have lost its connection: drop it rather than reuse it
        if (!failed) client.off('error', ignore); // a failed client is destroyed, listener and all
        client.release(failed);
      }
    };
  }
}
