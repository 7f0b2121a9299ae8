import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { INTERACTION_LABELS, TRAINING_DATA_SCHEMA_VERSION } from '@platform/contracts';

export interface Row {
  user: string;
  item: string;
  type: keyof typeof INTERACTION_LABELS;
  /** ISO instant. */
  at: string;
}

/**
 * data-pipeline's training data for a test, written as its writer writes it: one zstd Parquet file
 * per day under `tenants/{t}/training_data/{day}/` with seed 002 §3 columns, and a catalog.json listing
 * them. `extra` files are put in a day's folder without being listed (a half-written file).
 */
export async function writeTrainingData(root: string, tenantId: string, rows: Row[], extra: string[] = []) {
  const days = new Map<string, Row[]>();
  for (const r of rows) days.set(r.at.slice(0, 10), [...(days.get(r.at.slice(0, 10)) ?? []), r]);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const partitions = [];
  for (const [day, list] of [...days].sort()) {
    const dir = path.join(root, 'tenants', tenantId, 'training_data', day);
    mkdirSync(dir, { recursive: true });
    const file = `part-${randomUUID()}.parquet`;
    const values = list
      .map(
        (r) =>
          `('${randomUUID()}', '${r.user}', '${r.item}', '${r.type}', ${Math.floor(Date.parse(r.at) / 1000)}, ${INTERACTION_LABELS[r.type]})`,
      )
      .join(', ');
    await con.run(`COPY (SELECT user_id, item_id, interaction_type, ts::BIGINT AS "timestamp", label::DOUBLE AS label,
        {'user_features': '{}'::JSON, 'item_features': '{}'::JSON, 'context_features': '{}'::JSON} AS features,
        interaction_id FROM (VALUES ${values}) t(interaction_id, user_id, item_id, interaction_type, ts, label) ORDER BY ts)
      TO '${path.join(dir, file)}' (FORMAT parquet, COMPRESSION zstd)`);
    for (const name of extra) writeFileSync(path.join(dir, name), 'PAR1 half written');
    partitions.push({
      date: day,
      path: `file://${dir}/`,
      files: [file],
      row_count: list.length,
      file_size_mb: 0.01,
    });
  }
  con.closeSync();
  instance.closeSync();
  const catalog = {
    tenant_id: tenantId,
    data_version: `v${partitions.length}`,
    partitions,
    schema_version: TRAINING_DATA_SCHEMA_VERSION,
    updated_at: new Date().toISOString(),
  };
  mkdirSync(path.join(root, 'tenants', tenantId), { recursive: true });
  writeFileSync(path.join(root, 'tenants', tenantId, 'catalog.json'), JSON.stringify(catalog));
}

/**
 * Two groups of users, each buying and viewing items of its own group only, spread over `days`:
 * a model should rank a user's held-out items (of their group) above the other group's.
 */
export function plantedRows(opts: {
  users: number;
  items: number;
  perUser: number;
  days: string[];
  prefix?: string;
}) {
  const { users, items, perUser, days, prefix = '' } = opts;
  const rows: Row[] = [];
  for (let u = 0; u < users; u++) {
    const group = u % 2;
    for (let k = 0; k < perUser; k++) {
      const item = group * items + ((u * 7 + k * 3) % items);
      const day = days[(u + k) % days.length];
      rows.push({
        user: `${prefix}u${u}`,
        item: `${prefix}i${item}`,
        type: k % 3 === 0 ? 'purchase' : 'view',
        at: `${day}T${String(10 + (k % 10)).padStart(2, '0')}:00:00Z`,
      });
    }
  }
  return rows;
}
