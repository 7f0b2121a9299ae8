import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { TrainingCatalogSchema } from '@platform/contracts';
import { type DataTarget } from './data-workload';

/** One stored copy of something the data workload sent: its server id and the workload's marker. */
export type StoredCopy = { id: string; marker: string };

const filesOf = (entry: { path: string; files: string[] }) =>
  entry.files.map((f) => fileURLToPath(new URL(f, entry.path.endsWith('/') ? entry.path : `${entry.path}/`)));

const contextOf = (v: unknown): Record<string, unknown> =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : ((v ?? {}) as Record<string, unknown>);

/**
 * The tenant's interaction rows whose user id starts with `userPrefix`, read as a reader must (seed 002
 * §3): catalog.json, then only the Parquet files it lists (DuckDB, the writer's own dependency).
 */
export async function parquetInteractions(
  storeDir: string,
  tenantId: string,
  userPrefix: string,
): Promise<StoredCopy[]> {
  const raw = await readFile(path.join(storeDir, 'tenants', tenantId, 'catalog.json'), 'utf8').catch(
    () => undefined,
  );
  if (!raw) return [];
  const files = TrainingCatalogSchema.parse(JSON.parse(raw)).partitions.flatMap(filesOf);
  if (files.length === 0) return [];
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
    const reader = await con.runAndReadAll(
      `SELECT interaction_id, CAST(features.context_features AS VARCHAR) AS context FROM read_parquet([${list}])
       WHERE starts_with(user_id, '${userPrefix.replaceAll("'", "''")}')`,
    );
    return (reader.getRowObjectsJson() as Record<string, unknown>[]).map((r) => ({
      id: String(r.interaction_id),
      marker: String(contextOf(r.context).session_id),
    }));
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/** The tenant's stored EventFlow events of one type and producer, every page (`GET /api/v1/events`). */
export async function storedEvents(
  target: DataTarget,
  eventType: string,
  producerId: string,
): Promise<StoredCopy[]> {
  const copies: StoredCopy[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ event_type: eventType, producer_id: producerId, limit: '1000' });
    if (cursor) query.set('cursor', cursor);
    const get = (bearer: string) =>
      fetch(`${target.url('data-pipeline')}/api/v1/events?${query}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
    // the admin's token lives 15 minutes: a longer run reads with the API key (when it may read)
    let res = await get(target.token);
    if (res.status === 401) res = await get(target.apiKey);
    if (res.status !== 200) throw new Error(`GET /api/v1/events answered ${res.status}`);
    const page = (await res.json()) as {
      items: { event_id: string; payload: { marker?: unknown } }[];
      next?: string;
    };
    copies.push(...page.items.map((e) => ({ id: e.event_id, marker: String(e.payload.marker) })));
    cursor = page.next;
  } while (cursor);
  return copies;
}
