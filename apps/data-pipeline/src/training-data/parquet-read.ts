import { writeFileSync } from 'node:fs';
import { type ParquetFiles } from './parquet-files';

/**
 * Reads a whole Parquet file (its bytes, as the store returns them) into row objects through DuckDB:
 * JSON columns parsed, int64 as bigint. Measured on a 50,000-row zstd file of this writer
 * (`npm run bench:ingest -- --read-compare`): hyparquet (pure JS, Node 24's zlib for zstd) turns it
 * into row objects in less than half DuckDB's time (165–208 ms vs 388–401 ms, two runs), so a JavaScript reader such as
 * ml-engine should use hyparquet. The tests read with DuckDB all the same: hyparquet is ESM-only and
 * this repository's Jest runs CommonJS, which cannot require it; DuckDB is the writer's dependency
 * anyway and a few thousand rows per test make the difference irrelevant.
 */
export async function readParquetRows(
  files: ParquetFiles,
  bytes: Buffer,
): Promise<Record<string, unknown>[]> {
  const local = files.localPath();
  writeFileSync(local, bytes);
  try {
    const rows = await files.read(local);
    return rows.map(parseJson);
  } finally {
    files.remove(local);
  }
}

const JSON_FIELDS = new Set(['user_features', 'item_features', 'context_features', 'metadata']);

function parseJson(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === 'string' && JSON_FIELDS.has(k)
        ? JSON.parse(v)
        : v && typeof v === 'object' && !Array.isArray(v)
          ? parseJson(v as Record<string, unknown>)
          : v,
    ]),
  );
}
