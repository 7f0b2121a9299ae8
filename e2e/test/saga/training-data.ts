import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { TrainingCatalogSchema } from '@platform/contracts';

/** The files of a catalog entry, as local paths (the saga stack's data-pipeline writes to a folder). */
const filesOf = (entry: { path: string; files: string[] }) =>
  entry.files.map((f) => fileURLToPath(new URL(f, entry.path.endsWith('/') ? entry.path : `${entry.path}/`)));

async function readParquet(files: string[]): Promise<Record<string, unknown>[]> {
  if (files.length === 0) return [];
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
    const reader = await con.runAndReadAll(`SELECT * FROM read_parquet([${list}])`);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/**
 * What data-pipeline's training data holds for a tenant, read the way a reader should (seed 002 §3):
 * catalog.json first, then only the files it lists.
 */
export async function trainingDataOf(storeDir: string, tenantId: string) {
  const raw = await readFile(path.join(storeDir, 'tenants', tenantId, 'catalog.json'), 'utf8').catch(
    () => undefined,
  );
  if (!raw) return { interactions: [], items: [] };
  const catalog = TrainingCatalogSchema.parse(JSON.parse(raw));
  return {
    interactions: await readParquet(catalog.partitions.flatMap(filesOf)),
    items: await readParquet(catalog.items ? filesOf(catalog.items) : []),
  };
}
