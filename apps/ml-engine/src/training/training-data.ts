import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrainingCatalogSchema, type ModelType, type TrainingCatalog } from '@platform/contracts';
import { type ObjectStore } from '@platform/storage';

export interface DataRange {
  start_date: string;
  end_date: string;
}

/** The part of the tenant's training data a job reads: the catalog's files of the days in range. */
export interface DataSlice {
  /** Store keys of the listed files (never a listing of the folder: half-written files exist). */
  keys: string[];
  rows: number;
  /** Unix seconds, both included; undefined: every day. */
  from?: number;
  to?: number;
}

const catalogKey = (tenantId: string) => `tenants/${tenantId}/catalog.json`;
const dayKey = (tenantId: string, day: string) => `tenants/${tenantId}/training_data/${day}/`;
const utcDay = (iso: string) => new Date(iso).toISOString().slice(0, 10);

export async function readCatalog(
  store: ObjectStore,
  tenantId: string,
): Promise<TrainingCatalog | undefined> {
  const bytes = await store.get(catalogKey(tenantId));
  return bytes ? TrainingCatalogSchema.parse(JSON.parse(bytes.toString('utf8'))) : undefined;
}

/** The catalog's files of the days the range touches (the rows are cut to the range's instants later). */
export function sliceOf(
  catalog: TrainingCatalog | undefined,
  tenantId: string,
  range?: DataRange,
): DataSlice {
  const [first, last] = range ? [utcDay(range.start_date), utcDay(range.end_date)] : ['', '9999-12-31'];
  const days = (catalog?.partitions ?? []).filter((p) => p.date >= first && p.date <= last);
  return {
    keys: days.flatMap((p) => p.files.map((f) => dayKey(tenantId, p.date) + f)),
    rows: days.reduce((s, p) => s + p.row_count, 0),
    ...(range && {
      from: Math.floor(Date.parse(range.start_date) / 1000),
      to: Math.floor(Date.parse(range.end_date) / 1000),
    }),
  };
}

/** Downloads the slice's files into a temporary folder (DuckDB reads local files); `remove` drops it. */
export async function download(store: ObjectStore, slice: DataSlice) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ml-train-'));
  const files: string[] = [];
  try {
    for (const [i, key] of slice.keys.entries()) {
      const file = path.join(dir, `${i}.parquet`);
      if (!(await store.getToFile(key, file)))
        throw new Error(`training data file ${key} is listed but missing`);
      files.push(file);
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Rough seconds per interaction row and epoch (bench/train at MovieLens-1M scale on this machine).
const SECONDS_PER_ROW_EPOCH: Record<ModelType, number> = {
  matrix_factorization: 1.5e-6,
  two_tower: 4e-6,
  gnn: 6e-6,
};

/** Minutes a job should take: the rows in range, the epochs, two fits (validation, then all data). */
export function estimateMinutes(type: ModelType, rows: number, epochs: number): number {
  const seconds = 5 + 2 * rows * epochs * SECONDS_PER_ROW_EPOCH[type];
  return Math.round((seconds / 60) * 10) / 10;
}
