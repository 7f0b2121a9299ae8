import { type PoolClient, type Pool } from 'pg';
import { type ItemState } from './training-rows';

/** A Parquet file readers may see (training_files). */
export interface FileRecord {
  key: string;
  tenant_id: string;
  kind: 'interactions' | 'items';
  /** `YYYY-MM-DD` for interactions, null for items. */
  day: string | null;
  row_count: number;
  size_bytes: number;
}

type Queryable = Pick<PoolClient, 'query'>;

/** The writer's and the compactor's PostgreSQL: offsets, the file manifest, item states, catalog versions. */
export const trainingRepository = {
  /** Locks the partitions' offset rows (made at 0 when new) and returns their next offsets. */
  async lockOffsets(tx: Queryable, parts: { topic: string; partition: number }[]) {
    const topics = parts.map((p) => p.topic);
    const partitions = parts.map((p) => p.partition);
    await tx.query(
      `INSERT INTO writer_offsets (topic, partition, next_offset)
       SELECT * , 0 FROM unnest($1::text[], $2::int[]) ON CONFLICT DO NOTHING`,
      [topics, partitions],
    );
    // sorted, so two writers locking overlapping partitions never deadlock
    const { rows } = await tx.query<{ topic: string; partition: number; next_offset: string }>(
      `SELECT topic, partition, next_offset FROM writer_offsets
       WHERE (topic, partition) IN (SELECT * FROM unnest($1::text[], $2::int[]))
       ORDER BY topic, partition FOR UPDATE`,
      [topics, partitions],
    );
    return new Map(rows.map((r) => [`${r.topic}:${r.partition}`, Number(r.next_offset)]));
  },

  async advanceOffsets(tx: Queryable, next: Map<string, number>) {
    for (const [key, offset] of next) {
      const at = key.lastIndexOf(':');
      await tx.query(
        'UPDATE writer_offsets SET next_offset = GREATEST(next_offset, $3) WHERE topic = $1 AND partition = $2',
        [key.slice(0, at), Number(key.slice(at + 1)), offset],
      );
    }
  },

  /**
   * The known states of these items; `lock` for the ones the writer replaces in this transaction (the
   * items of interactions are only read for their features).
   */
  async itemStates(tx: Queryable, keys: { tenant_id: string; item_id: string }[], lock: boolean) {
    if (keys.length === 0) return new Map<string, ItemState>();
    const { rows } = await tx.query<{ tenant_id: string; item_id: string; state: ItemState }>(
      `SELECT tenant_id, item_id, state FROM training_items
       WHERE (tenant_id, item_id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))
       ORDER BY tenant_id, item_id ${lock ? 'FOR UPDATE' : ''}`,
      [keys.map((k) => k.tenant_id), keys.map((k) => k.item_id)],
    );
    return new Map(rows.map((r) => [`${r.tenant_id}:${r.item_id}`, r.state]));
  },

  async saveItemStates(tx: Queryable, states: { tenant_id: string; item_id: string; state: ItemState }[]) {
    if (states.length === 0) return;
    await tx.query(
      `INSERT INTO training_items (tenant_id, item_id, state)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])
       ON CONFLICT (tenant_id, item_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
      [
        states.map((s) => s.tenant_id),
        states.map((s) => s.item_id),
        states.map((s) => JSON.stringify(s.state)),
      ],
    );
  },

  async addFiles(tx: Queryable, files: FileRecord[]) {
    if (files.length === 0) return;
    await tx.query(
      `INSERT INTO training_files (key, tenant_id, kind, day, row_count, size_bytes)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::date[], $5::int[], $6::bigint[])`,
      [
        files.map((f) => f.key),
        files.map((f) => f.tenant_id),
        files.map((f) => f.kind),
        files.map((f) => f.day),
        files.map((f) => f.row_count),
        files.map((f) => f.size_bytes),
      ],
    );
  },

  /** Removes files from the manifest; the number removed (fewer than asked: another compaction won). */
  async removeFiles(tx: Queryable, keys: string[]) {
    const res = await tx.query('DELETE FROM training_files WHERE key = ANY($1::text[])', [keys]);
    return res.rowCount ?? 0;
  },

  async files(db: Queryable | Pool, tenantId: string): Promise<FileRecord[]> {
    const { rows } = await db.query<FileRecord & { row_count: number; size_bytes: string }>(
      `SELECT key, tenant_id, kind, to_char(day, 'YYYY-MM-DD') AS day, row_count, size_bytes
       FROM training_files WHERE tenant_id = $1 ORDER BY kind, day, key`,
      [tenantId],
    );
    return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
  },

  /** Every listed key (the orphan sweep keeps these). */
  async allKeys(db: Pool): Promise<Set<string>> {
    const { rows } = await db.query<{ key: string }>('SELECT key FROM training_files');
    return new Set(rows.map((r) => r.key));
  },

  /** The (tenant, day) groups and tenants' item sets with more than `min` files: compaction's work. */
  async crowded(db: Pool, min: number) {
    const { rows } = await db.query<{
      tenant_id: string;
      kind: 'interactions' | 'items';
      day: string | null;
    }>(
      `SELECT tenant_id, kind, to_char(day, 'YYYY-MM-DD') AS day FROM training_files
       GROUP BY tenant_id, kind, day HAVING count(*) > $1`,
      [min],
    );
    return rows;
  },

  /** The tenant's interaction rows in the manifest (as of this transaction). */
  async interactionRows(tx: Queryable, tenantId: string): Promise<number> {
    const { rows } = await tx.query<{ n: string }>(
      "SELECT coalesce(sum(row_count), 0) AS n FROM training_files WHERE tenant_id = $1 AND kind = 'interactions'",
      [tenantId],
    );
    return Number(rows[0].n);
  },

  /** The next data version of the tenant (v1, v2, …), counted in this transaction. */
  async bumpVersion(tx: Queryable, tenantId: string): Promise<number> {
    const { rows } = await tx.query<{ version: string }>(
      `INSERT INTO training_catalogs (tenant_id, version) VALUES ($1, 1)
       ON CONFLICT (tenant_id) DO UPDATE SET version = training_catalogs.version + 1 RETURNING version`,
      [tenantId],
    );
    return Number(rows[0].version);
  },

  /** Locks the tenant's catalog row: catalog.json is written by one writer at a time, newest last. */
  async lockCatalog(tx: Queryable, tenantId: string) {
    const { rows } = await tx.query<{ version: string; written_version: string }>(
      'SELECT version, written_version FROM training_catalogs WHERE tenant_id = $1 FOR UPDATE',
      [tenantId],
    );
    return rows[0]
      ? { version: Number(rows[0].version), written: Number(rows[0].written_version) }
      : undefined;
  },

  async markWritten(tx: Queryable, tenantId: string, version: number) {
    await tx.query('UPDATE training_catalogs SET written_version = $2 WHERE tenant_id = $1', [
      tenantId,
      version,
    ]);
  },

  /** Tenants whose catalog.json is behind their manifest (a crash after the commit, before the write). */
  async staleCatalogs(db: Pool): Promise<string[]> {
    const { rows } = await db.query<{ tenant_id: string }>(
      'SELECT tenant_id FROM training_catalogs WHERE written_version < version',
    );
    return rows.map((r) => r.tenant_id);
  },
};
