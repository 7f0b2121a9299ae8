// Reading one realistic Parquet file (50,000 interactions in the writer's schema, zstd) with DuckDB and
// with hyparquet (pure JS, Node 24's zstd), median of 5 reads each: the numbers behind the choice in
// apps/data-pipeline/src/training-data/parquet-read.ts.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zstdDecompressSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(fn: () => Promise<number>) {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    rows = await fn();
    ms.push(performance.now() - t);
  }
  return { rows, ms: Math.round(median(ms)) };
}

// the writer's columns (seed 002 §3 plus interaction_id), made by DuckDB itself
const WRITE = (
  file: string,
) => `COPY (SELECT 'user_' || (i % 5000) AS user_id, 'item_' || (i % 20000) AS item_id,
    ['view','click','purchase','like','add_to_cart'][1 + i % 5] AS interaction_type,
    (1795000000 + i)::BIGINT AS "timestamp", 0.5::DOUBLE AS label,
    {'user_features': '{}'::JSON,
     'item_features': '{"category":"home","tags":["a","b"],"price":9.5,"currency":"USD"}'::JSON,
     'context_features': ('{"device_type":"' || CASE WHEN i % 2 = 0 THEN 'mobile' ELSE 'desktop' END
        || '","session_id":"s' || (i % 900) || '","source":"batch"}')::JSON} AS features,
    uuid()::VARCHAR AS interaction_id
  FROM range(50000) t(i)) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`;

export async function readCompare(): Promise<string> {
  const file = path.join(tmpdir(), `read-compare-${process.pid}.parquet`);
  const duck = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await duck.connect();
  try {
    await con.run(WRITE(file));
    const viaDuck = await timed(async () => {
      const rows = await (await con.run(`SELECT * FROM read_parquet('${file}')`)).getRowObjectsJS();
      return rows.length;
    });
    const viaHyparquet = await timed(async () => {
      const b = readFileSync(file);
      const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      const compressors = { ZSTD: (input: Uint8Array) => new Uint8Array(zstdDecompressSync(input)) };
      return (await parquetReadObjects({ file: ab, compressors })).length;
    });
    return [
      `file: 50,000 rows, ${Math.round(readFileSync(file).length / 1024)} KiB (zstd)`,
      `DuckDB read_parquet → row objects: ${viaDuck.ms} ms (${viaDuck.rows} rows)`,
      `hyparquet parquetReadObjects:      ${viaHyparquet.ms} ms (${viaHyparquet.rows} rows)`,
    ].join('\n');
  } finally {
    con.closeSync();
    duck.closeSync();
    rmSync(file, { force: true });
  }
}
