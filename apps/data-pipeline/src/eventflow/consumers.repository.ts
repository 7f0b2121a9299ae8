import { translatePgError } from '@platform/service-kit';
import { type Pool, type QueryResultRow } from 'pg';

/** A consumer and its positions (seq of stored events). */
export interface ConsumerRecord {
  id: string;
  tenantId: string;
  name: string;
  eventTypes: string[];
  /** Where fetching resumes: everything up to here was committed. */
  committedSeq: string;
  /** The furthest position ever handed out; a commit may not go past it. */
  deliveredSeq: string;
  createdAt: Date;
  /** When `committedSeq` last moved forward (undefined before the first commit). */
  committedAt?: Date;
}

interface ConsumerRow {
  id: string;
  tenant_id: string;
  name: string;
  event_types: string[];
  committed_seq: string;
  delivered_seq: string;
  created_at: Date;
  committed_at: Date | null;
}

const toRecord = (r: ConsumerRow): ConsumerRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  eventTypes: r.event_types,
  committedSeq: r.committed_seq,
  deliveredSeq: r.delivered_seq,
  createdAt: r.created_at,
  ...(r.committed_at ? { committedAt: r.committed_at } : {}),
});

/** EventFlow consumers in PostgreSQL: each has a cursor of its own (one row each, never shared). */
export class ConsumersRepository {
  constructor(private readonly pool: Pool) {}

  async create(c: { id: string; tenantId: string; name: string; eventTypes: string[]; startSeq: string }) {
    const rows = await this.rows(
      `INSERT INTO eventflow_consumers (id, tenant_id, name, event_types, committed_seq, delivered_seq)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING *`,
      [c.id, c.tenantId, c.name, c.eventTypes, c.startSeq],
    );
    return toRecord(rows[0]!);
  }

  /** The tenant's consumer (another tenant's is not found). */
  async get(tenantId: string, id: string): Promise<ConsumerRecord | undefined> {
    const rows = await this.rows('SELECT * FROM eventflow_consumers WHERE id = $1 AND tenant_id = $2', [
      id,
      tenantId,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The tenant's consumers, newest first, and how many it has. */
  async list(tenantId: string, page: { limit: number; offset: number }) {
    const [rows, [count]] = await Promise.all([
      this.rows(
        `SELECT * FROM eventflow_consumers WHERE tenant_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [tenantId, page.limit, page.offset],
      ),
      this.rows<{ total: number }>(
        'SELECT count(*)::int AS total FROM eventflow_consumers WHERE tenant_id = $1',
        [tenantId],
      ),
    ]);
    return { consumers: rows.map(toRecord), total: count!.total };
  }

  /** Records that events up to `seq` were handed out. */
  async delivered(id: string, seq: string): Promise<void> {
    await this.rows(
      'UPDATE eventflow_consumers SET delivered_seq = greatest(delivered_seq, $2) WHERE id = $1',
      [id, seq],
    );
  }

  /**
   * Moves the committed cursor to `seq` if that was handed out; never backwards (a late retry of an
   * older commit must not redeliver what a newer one acknowledged). Undefined when `seq` is ahead.
   */
  async commit(id: string, seq: string): Promise<ConsumerRecord | undefined> {
    const rows = await this.rows(
      `UPDATE eventflow_consumers SET committed_seq = greatest(committed_seq, $2),
         committed_at = CASE WHEN $2::bigint > committed_seq THEN now() ELSE committed_at END
       WHERE id = $1 AND $2::bigint <= delivered_seq RETURNING *`,
      [id, seq],
    );
    return rows[0] && toRecord(rows[0]);
  }

  private async rows<R extends QueryResultRow = ConsumerRow>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (err) {
      throw translatePgError(err);
    }
  }
}
