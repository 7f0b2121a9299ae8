import {
  TRAINING_DATA_SCHEMA_VERSION,
  TrainingCatalogSchema,
  type TrainingCatalog,
} from '@platform/contracts';
import { withTransaction } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type ObjectStore } from '@platform/storage';
import { trainingRepository as repo, type FileRecord } from './training-data.repository';

export const catalogKey = (tenantId: string) => `tenants/${tenantId}/catalog.json`;
export const dayPrefix = (tenantId: string, day: string) => `tenants/${tenantId}/training_data/${day}/`;
export const itemsPrefix = (tenantId: string) => `tenants/${tenantId}/items/`;
export const dataVersion = (n: number) => `v${n}`;

const MB = 1024 * 1024;
const sum = (files: FileRecord[], f: (x: FileRecord) => number) => files.reduce((s, x) => s + f(x), 0);

/** catalog.json of the tenant's manifest (seed 002 §3 shape plus each partition's files). */
export function renderCatalog(
  store: ObjectStore,
  tenantId: string,
  version: number,
  files: FileRecord[],
): TrainingCatalog {
  const days = new Map<string, FileRecord[]>();
  for (const f of files.filter((x) => x.kind === 'interactions'))
    days.set(f.day!, [...(days.get(f.day!) ?? []), f]);
  const items = files.filter((f) => f.kind === 'items');
  const relative = (prefix: string) => (f: FileRecord) => f.key.slice(prefix.length);
  return TrainingCatalogSchema.parse({
    tenant_id: tenantId,
    data_version: dataVersion(version),
    partitions: [...days].map(([date, list]) => ({
      date,
      path: store.url(dayPrefix(tenantId, date)),
      files: list.map(relative(dayPrefix(tenantId, date))),
      row_count: sum(list, (f) => f.row_count),
      file_size_mb: Math.round((sum(list, (f) => f.size_bytes) / MB) * 1000) / 1000,
    })),
    ...(items.length > 0 && {
      items: {
        path: store.url(itemsPrefix(tenantId)),
        files: items.map(relative(itemsPrefix(tenantId))),
        row_count: sum(items, (f) => f.row_count),
      },
    }),
    schema_version: TRAINING_DATA_SCHEMA_VERSION,
    updated_at: new Date().toISOString(),
  });
}

/**
 * Rewrites the tenant's catalog.json from the manifest, under the lock of its catalog row: writers of
 * other instances wait, so the newest manifest is always the one written last (`store.put` replaces the
 * object atomically: a reader sees the old catalog or the new one). Returns the version written.
 */
export async function writeCatalog(
  pool: Pool,
  store: ObjectStore,
  tenantId: string,
): Promise<number | undefined> {
  // no catalog row yet: nothing to write (the transaction only read)
  return withTransaction(pool, async (client) => {
    const row = await repo.lockCatalog(client, tenantId);
    if (!row) return undefined;
    const catalog = renderCatalog(store, tenantId, row.version, await repo.files(client, tenantId));
    await store.put(catalogKey(tenantId), JSON.stringify(catalog, null, 2), 'application/json');
    await repo.markWritten(client, tenantId, row.version);
    return row.version;
  });
}
