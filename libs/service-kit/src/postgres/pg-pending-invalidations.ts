import { type Pool } from 'pg';
import { type PendingInvalidation, type PendingInvalidationStore } from '../cache/pending-invalidations';

/** The table `PgPendingInvalidations` needs; a service's migration creates it (this is its text). */
export const PG_PENDING_INVALIDATIONS_DDL = `
CREATE TABLE cache_pending_invalidations (
  id         bigserial PRIMARY KEY,
  keys       text[] NOT NULL,
  patterns   text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;

/** Failed cache invalidations in the service's PostgreSQL: they survive the process that recorded them. */
export class PgPendingInvalidations implements PendingInvalidationStore {
  constructor(
    private readonly pool: Pool,
    private readonly table = 'cache_pending_invalidations',
  ) {}

  async add(keys: string[], patterns: string[]): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.table} (keys, patterns) VALUES ($1, $2)`, [keys, patterns]);
  }

  async list(): Promise<PendingInvalidation[]> {
    const { rows } = await this.pool.query<{ id: string; keys: string[]; patterns: string[] }>(
      `SELECT id, keys, patterns FROM ${this.table} ORDER BY id LIMIT 1000`,
    );
    return rows;
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.pool.query(`DELETE FROM ${this.table} WHERE id = ANY($1::bigint[])`, [ids]);
  }
}
