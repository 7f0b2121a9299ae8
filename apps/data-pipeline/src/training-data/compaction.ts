import { randomUUID } from 'node:crypto';
import { writeCatalog, dayPrefix, itemsPrefix } from './catalog';
import { type TrainingDeps } from './training-deps';
import { trainingRepository as repo, type FileRecord } from './training-data.repository';
import { announce } from './write-batches';

/**
 * Merges the files of each (tenant, day), and each tenant's items, that have more than `minFiles`
 * files into one: interactions deduplicated by interaction_id, items down to the latest row per item
 * (deleted items stay as rows with `deleted`). The new file is uploaded first; one transaction then
 * swaps it for the old ones in the manifest (only if they are all still listed: another instance may
 * have compacted them) and announces the new version; catalog.json is rewritten; only after that are
 * the old files deleted, so a reader that holds the previous catalog finds its files a while longer.
 */
export async function compact(deps: TrainingDeps, minFiles: number): Promise<number> {
  let merged = 0;
  for (const group of await repo.crowded(deps.pool, minFiles)) {
    const files = (await repo.files(deps.pool, group.tenant_id)).filter(
      (f) => f.kind === group.kind && f.day === group.day,
    );
    if (files.length <= minFiles) continue;
    if (await compactGroup(deps, files)) merged++;
  }
  return merged;
}

async function compactGroup(deps: TrainingDeps, files: FileRecord[]): Promise<boolean> {
  const { tenant_id, kind, day } = files[0];
  const prefix = kind === 'items' ? itemsPrefix(tenant_id) : dayPrefix(tenant_id, day!);
  const locals = files.map(() => deps.files.localPath());
  const output = deps.files.localPath();
  let record: FileRecord;
  try {
    for (const [i, f] of files.entries()) await deps.store.getToFile(f.key, locals[i]);
    const { rows, size } = await deps.files.merge(kind, locals, output);
    record = {
      key: `${prefix}part-${Date.now()}-${randomUUID()}.parquet`,
      tenant_id,
      kind,
      day,
      row_count: rows,
      size_bytes: size,
    };
    await deps.store.putFile(record.key, output);
  } finally {
    deps.files.remove(...locals, output);
  }
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    await repo.lockCatalog(client, tenant_id); // one swap per tenant at a time
    const removed = await repo.removeFiles(
      client,
      files.map((f) => f.key),
    );
    if (removed !== files.length) {
      await client.query('ROLLBACK');
      await deps.store.delete([record.key]);
      return false;
    }
    await repo.addFiles(client, [record]);
    await announce(client, tenant_id, day ? [day] : []);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  deps.metrics.written(record);
  await writeCatalog(deps.pool, deps.store, tenant_id);
  await deps.store.delete(files.map((f) => f.key));
  deps.logger.info('Training data compacted', {
    tenant_id,
    kind,
    day,
    files: files.length,
    rows: record.row_count,
  });
  return true;
}

/** Tenants whose catalog.json lags their manifest (a crash after a commit) get it rewritten. */
export async function repairCatalogs(deps: TrainingDeps): Promise<void> {
  for (const tenant of await repo.staleCatalogs(deps.pool)) await writeCatalog(deps.pool, deps.store, tenant);
}

const PART_TIME = /\/part-(\d+)-[0-9a-f-]+\.parquet$/;

/**
 * Deletes Parquet files no manifest lists and older than `olderThanMs` (by the time in their name):
 * files of a write that crashed before its commit, or old files of a compaction that crashed before
 * deleting them. Younger unlisted files may belong to a write in progress and stay.
 */
export async function sweepOrphans(
  deps: TrainingDeps,
  olderThanMs: number,
  now = Date.now(),
): Promise<string[]> {
  const listed = await repo.allKeys(deps.pool);
  const orphans = (await deps.store.list('tenants/'))
    .map((o) => o.key)
    .filter((key) => {
      const at = PART_TIME.exec(key);
      return at && !listed.has(key) && now - Number(at[1]) > olderThanMs;
    });
  if (orphans.length > 0) {
    await deps.store.delete(orphans);
    deps.logger.info('Orphaned Parquet files deleted', { count: orphans.length });
  }
  return orphans;
}
