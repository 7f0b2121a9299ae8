import { writeFileSync } from 'node:fs';
import { type ParquetFiles } from './parquet-files';

/**
 * Reads a whole Parquet file (its bytes, as the store returns them) into row objects, through DuckDB:
 * JSON columns parsed, int64 as bigint. Why DuckDB and not hyparquet (pure JS), measured on a
 * 50,000-row file of this writer with `npm run bench:ingest -- --read-compare` (numbers in the README
 * note of issue 9): DuckDB reads it several times faster, is already the writer's dependency, reads zstd
 * itself, and loads under Jest's CommonJS; hyparquet is ESM-only (Jest cannot require it) and has no
 * zstd of its own (Node 24's zlib has one). Its strength, reading from bytes without a temp file,
 * matters less than speed for a trainer reading a day of interactions.
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
