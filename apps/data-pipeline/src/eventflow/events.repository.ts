import { EVENT_QUERY_TOTAL_CAP, type StoredEvent } from '@platform/contracts';
import { translatePgError, withTransaction } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type QueryPosition } from './event-cursors';

/** An event as the store consumer writes it. */
export interface NewStoredEvent extends StoredEvent {
  tenant_id: string;
}

export interface EventFilter {
  tenantId: string;
  eventType?: string;
  producerId?: string;
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
}

interface EventRow {
  event_id: string;
  seq: string;
  event_type: string;
  event_version: number;
  producer_id: string;
  payload: Record<string, unknown>;
  received_at: Date;
  received_us: string;
}

export interface PositionedEvent {
  event: StoredEvent;
  seq: string;
  receivedMicros: string;
}

const COLUMNS = `event_id, seq, event_type, event_version, producer_id, payload, received_at,
  (extract(epoch FROM received_at) * 1000000)::bigint AS received_us`;
// the first key of the advisory lock: EventFlow's store, so it cannot collide with another lock user
const STORE_LOCK = 4004;

const toPositioned = (r: EventRow): PositionedEvent => ({
  event: {
    event_id: r.event_id,
    event_type: r.event_type,
    event_version: r.event_version,
    producer_id: r.producer_id,
    payload: r.payload,
    received_at: r.received_at.toISOString(),
  },
  seq: r.seq,
  receivedMicros: r.received_us,
});

/** Stored EventFlow events: the store consumer writes them, queries and consumers read them. */
export class EventsRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Writes one event once (a redelivery does nothing). Why the lock: seq comes from a sequence, and
   * two transactions that drew 7 and 8 may commit 8 first; a consumer reading then would move its
   * cursor past 7 and never see it. Holding a per-tenant lock from before the draw to the commit makes
   * seq order the commit order within a tenant (PostgreSQL makes a commit visible before it releases
   * the transaction's locks), and cursors are per tenant, so no event can appear behind a cursor.
   * Tenants do not wait for each other (but for the rare hash collision).
   */
  async store(e: NewStoredEvent): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [STORE_LOCK, e.tenant_id]);
      await tx.query(
        `INSERT INTO eventflow_events
           (event_id, tenant_id, producer_id, event_type, event_version, payload, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
        [e.event_id, e.tenant_id, e.producer_id, e.event_type, e.event_version, e.payload, e.received_at],
      );
    });
  }

  /**
   * A page of matching events, newest first, after `after` (the last of the previous page), and how many
   * match in all, counted up to the cap (an exact count over millions would scan them all). One
   * statement, so one snapshot: the count never misses an event the page shows, or the reverse.
   * The count's ORDER BY changes no number: it steers the planner to the page's index, read index-only
   * up to the cap, instead of a bitmap scan that visits every matching row in the table
   * (bench/eventflow: GET by event_type over 1M rows, p50 68 → 17 ms).
   */
  async page(
    f: EventFilter,
    limit: number,
    after?: QueryPosition,
  ): Promise<{ events: PositionedEvent[]; total: number; capped: boolean }> {
    const { where, params } = conditions(f);
    const matching = where.join(' AND ');
    if (after) {
      params.push(after.receivedMicros, after.seq);
      const [micros, seq] = [params.length - 1, params.length];
      where.push(
        `(received_at, seq) < (timestamptz 'epoch' + $${micros}::bigint * interval '1 microsecond', $${seq}::bigint)`,
      );
    }
    params.push(limit, EVENT_QUERY_TOTAL_CAP);
    const [limitAt, capAt] = [params.length - 1, params.length];
    const sql = `WITH counted AS (
        SELECT count(*)::int AS total FROM (SELECT 1 FROM eventflow_events WHERE ${matching}
          ORDER BY received_at DESC, seq DESC LIMIT $${capAt}) AS m),
      page AS (SELECT ${COLUMNS} FROM eventflow_events WHERE ${where.join(' AND ')}
          ORDER BY received_at DESC, seq DESC LIMIT $${limitAt})
      SELECT page.*, counted.total FROM counted LEFT JOIN page ON true
      ORDER BY page.received_at DESC, page.seq DESC`;
    const rows = (await this.rows(sql, params)) as (EventRow & { total: number })[];
    const total = rows[0]?.total ?? 0;
    return {
      events: rows.filter((r) => r.event_id !== null).map(toPositioned),
      total,
      capped: total >= EVENT_QUERY_TOTAL_CAP,
    };
  }

  /** The tenant's events of `types` after position `afterSeq`, in position order. */
  async after(
    tenantId: string,
    types: string[],
    afterSeq: string,
    limit: number,
  ): Promise<PositionedEvent[]> {
    const sql = `SELECT ${COLUMNS} FROM eventflow_events
      WHERE tenant_id = $1 AND event_type = ANY($2::text[]) AND seq > $3 ORDER BY seq LIMIT $4`;
    return (await this.rows(sql, [tenantId, types, afterSeq, limit])).map(toPositioned);
  }

  /** The position of the tenant's newest stored event ('0' for none). */
  async lastSeq(tenantId: string): Promise<string> {
    const rows = await this.rows(
      'SELECT coalesce(max(seq), 0) AS seq FROM eventflow_events WHERE tenant_id = $1',
      [tenantId],
    );
    return String(rows[0]?.seq ?? '0');
  }

  private async rows(sql: string, params: unknown[]): Promise<EventRow[]> {
    try {
      return (await this.pool.query<EventRow>(sql, params)).rows;
    } catch (err) {
      throw translatePgError(err);
    }
  }
}

function conditions(f: EventFilter): { where: string[]; params: unknown[] } {
  const where = ['tenant_id = $1'];
  const params: unknown[] = [f.tenantId];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (f.eventType) add((n) => `event_type = $${n}`, f.eventType);
  if (f.producerId) add((n) => `producer_id = $${n}`, f.producerId);
  // as instants: PostgreSQL refuses an offset beyond ±15:59 that ISO 8601 (and the query schema) allows
  if (f.from) add((n) => `received_at >= $${n}`, new Date(f.from));
  if (f.to) add((n) => `received_at < $${n}`, new Date(f.to));
  return { where, params };
}
