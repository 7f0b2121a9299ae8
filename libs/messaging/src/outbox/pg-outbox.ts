import { type EventEnvelope } from '@platform/contracts';
import { outgoingTraceparent } from '@platform/service-kit';
import { type PoolClient } from 'pg';

/**
 * The table the relay reads. Each service creates it in one of its own migrations, with this DDL,
 * in the same database as its state so that both are written in one transaction. A row the broker keeps
 * refusing is parked (`parked_at`) after the relay's maximum of `attempts`, with its `last_error`, so it
 * does not hold back the rest; re-publish it by clearing `parked_at` (and `attempts`).
 */
export const PG_OUTBOX_DDL = `
CREATE TABLE IF NOT EXISTS outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  message_key  text        NOT NULL,
  payload      jsonb       NOT NULL,
  traceparent  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts     integer     NOT NULL DEFAULT 0,
  last_error   text,
  parked_at    timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (id) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_parked ON outbox (id) WHERE parked_at IS NOT NULL;
-- the relay holds back the later events of a key with a parked row: a small index of those keys
CREATE INDEX IF NOT EXISTS outbox_parked_keys ON outbox (message_key) WHERE parked_at IS NOT NULL;
`;

/** Queryable the way both `pg.Pool` and `pg.PoolClient` are: pass the client of the open transaction. */
type Queryable = Pick<PoolClient, 'query'>;

/**
 * Adds events to the outbox inside the caller's transaction: they are published if, and only if, it commits.
 *
 * It first takes a transaction-scoped advisory lock per aggregate, so that two transactions writing
 * events of one aggregate serialise here, whether or not the caller locked the aggregate's row: the
 * second takes its ids only after the first committed, and per key, id order is commit order (which
 * the relay's order relies on). The two-key form keeps these locks apart from the relay's own lock.
 */
export async function enqueueEvents(tx: Queryable, topic: string, events: EventEnvelope[]): Promise<void> {
  const traceparent = outgoingTraceparent() ?? null;
  // sorted, so two transactions writing events of the same aggregates never deadlock on these locks
  const keys = [...new Set(events.map((e) => e.aggregate_id))].sort();
  for (const key of keys)
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('platform.outbox.key'), hashtext($1))", [key]);
  for (const event of events) {
    await tx.query(
      'INSERT INTO outbox (event_id, topic, message_key, payload, traceparent) VALUES ($1, $2, $3, $4, $5)',
      [event.event_id, topic, event.aggregate_id, JSON.stringify(event), traceparent],
    );
  }
}
