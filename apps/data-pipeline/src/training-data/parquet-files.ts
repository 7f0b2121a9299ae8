import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { type InteractionRow, type ItemRow } from './training-rows';

/** One DuckDB database, the connections open on it and how many it has given. */
interface Engine {
  instance: Promise<DuckDBInstance>;
  open: number;
  given: number;
}

/**
 * Parquet through DuckDB (`@duckdb/node-api`, prebuilt): rows are appended to a temporary table and
 * COPY writes them as one zstd file; compaction reads files with `read_parquet([...])`. DuckDB works on
 * local files only, so every file is made in a temp folder and then uploaded with `store.putFile`.
 * Reading back (tests, a Node reader) uses DuckDB too: see parquet-read.ts for why.
 */
export class ParquetFiles {
  private engine?: Engine;
  private engines = 0;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'dp-parquet-'));

  /**
   * `memoryLimit`: DuckDB's `memory_limit` (e.g. `256MB`). `recycleAfter`: connections one database
   * gives before the next is started. An in-memory DuckDB keeps some memory for every table it ever
   * made, dropped or not (212 → 282 MB from 800 to 4,000 files, `npm run bench:parquet-memory`), and
   * gives it back only when closed: so a database is closed once it has served this many and the
   * connections still open on it are done.
   */
  constructor(
    private readonly memoryLimit = '256MB',
    private readonly recycleAfter = 200,
  ) {}

  /** Runs `fn` on a connection of the current database, closing the connection (and a retired database). */
  private async use<T>(fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const engine = this.current();
    engine.open++;
    try {
      const con = await (await engine.instance).connect();
      try {
        return await fn(con);
      } finally {
        con.closeSync();
      }
    } finally {
      engine.open--;
      if (engine !== this.engine && engine.open === 0) await retire(engine);
    }
  }

  private current(): Engine {
    if (!this.engine || this.engine.given >= this.recycleAfter) {
      const old = this.engine;
      // DuckDB's buffer pool may otherwise grow to 80% of the machine's memory and keep it; past the
      // limit a large compaction spills to a temp folder (one per database: two may be open at once)
      this.engine = {
        instance: DuckDBInstance.create(':memory:', {
          threads: '2',
          memory_limit: this.memoryLimit,
          temp_directory: path.join(this.dir, `spill-${++this.engines}`),
        }),
        open: 0,
        given: 0,
      };
      if (old && old.open === 0) void retire(old);
    }
    this.engine.given++;
    return this.engine;
  }

  /** A fresh local path for a file about to be written or downloaded. */
  localPath(): string {
    mkdirSync(this.dir, { recursive: true }); // again after a close: a closed instance can be used again
    return path.join(this.dir, `${randomUUID()}.parquet`);
  }

  /** Writes the interaction rows as one Parquet file (seed 002 §3 columns, ordered by time). */
  async writeInteractions(rows: InteractionRow[], file: string, itemFeatures: (r: InteractionRow) => object) {
    const table = `i_${randomUUID().replace(/-/g, '')}`;
    await this.use(async (con) => {
      await con.run(`CREATE TABLE ${table} (interaction_id VARCHAR, user_id VARCHAR, item_id VARCHAR,
        interaction_type VARCHAR, ts BIGINT, label DOUBLE, uf VARCHAR, itf VARCHAR, cf VARCHAR)`);
      const app = await con.createAppender(table);
      for (const r of rows) {
        app.appendVarchar(r.interaction_id);
        app.appendVarchar(r.user_id);
        app.appendVarchar(r.item_id);
        app.appendVarchar(r.interaction_type);
        app.appendBigInt(BigInt(r.timestamp));
        app.appendDouble(r.label);
        app.appendVarchar('{}');
        app.appendVarchar(JSON.stringify(itemFeatures(r)));
        app.appendVarchar(JSON.stringify(r.context_features));
        app.endRow();
      }
      app.closeSync();
      await con.run(`COPY (SELECT user_id, item_id, interaction_type, ts AS "timestamp", label,
          {'user_features': uf::JSON, 'item_features': itf::JSON, 'context_features': cf::JSON} AS features,
          interaction_id FROM ${table} ORDER BY ts) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
      await con.run(`DROP TABLE ${table}`);
    });
    return statSync(file).size;
  }

  /** Writes item rows (the full state after each change) as one Parquet file. */
  async writeItems(rows: ItemRow[], file: string) {
    const table = `t_${randomUUID().replace(/-/g, '')}`;
    await this.use(async (con) => {
      await con.run(`CREATE TABLE ${table} (item_id VARCHAR, title VARCHAR, description VARCHAR,
        category VARCHAR, tags VARCHAR, price DOUBLE, currency VARCHAR, metadata VARCHAR, deleted BOOLEAN,
        updated_at BIGINT, seq BIGINT)`);
      const app = await con.createAppender(table);
      for (const r of rows) {
        app.appendVarchar(r.item_id);
        app.appendVarchar(r.title);
        app.appendVarchar(r.description);
        if (r.category === null) app.appendNull();
        else app.appendVarchar(r.category);
        app.appendVarchar(JSON.stringify(r.tags));
        if (r.price === null) app.appendNull();
        else app.appendDouble(r.price);
        if (r.currency === null) app.appendNull();
        else app.appendVarchar(r.currency);
        app.appendVarchar(JSON.stringify(r.metadata));
        app.appendBoolean(r.deleted);
        app.appendBigInt(BigInt(Math.floor(Date.parse(r.updated_at) / 1000)));
        app.appendBigInt(BigInt(r.seq));
        app.endRow();
      }
      app.closeSync();
      await con.run(`COPY (SELECT item_id, title, description, category, from_json(tags, '["VARCHAR"]') AS tags,
          price, currency, metadata::JSON AS metadata, deleted, updated_at, seq FROM ${table})
        TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
      await con.run(`DROP TABLE ${table}`);
    });
    return statSync(file).size;
  }

  /**
   * Merges files into one: interactions deduplicated by interaction_id (a producer retry can put a
   * record on Kafka twice), items reduced to the latest row (highest seq) per item. Returns rows and size.
   */
  async merge(kind: 'interactions' | 'items', inputs: string[], output: string) {
    const list = inputs.map((f) => `'${f}'`).join(', ');
    const [id, order, sort] =
      kind === 'interactions'
        ? ['interaction_id', '"timestamp"', '"timestamp"']
        : ['item_id', 'seq DESC', 'item_id'];
    return this.use(async (con) => {
      await con.run(`COPY (SELECT * FROM read_parquet([${list}])
          QUALIFY row_number() OVER (PARTITION BY ${id} ORDER BY ${order}) = 1 ORDER BY ${sort})
        TO '${output}' (FORMAT parquet, COMPRESSION zstd)`);
      const count = await con.run(`SELECT count(*)::INTEGER AS n FROM read_parquet('${output}')`);
      const [row] = await count.getRowObjectsJS();
      return { rows: Number(row.n), size: statSync(output).size };
    });
  }

  /** Every row of a local Parquet file (BIGINT as bigint, JSON as text, structs as objects). */
  async read(file: string): Promise<Record<string, unknown>[]> {
    return this.use(async (con) => {
      const result = await con.run(`SELECT * FROM read_parquet('${file}')`);
      return (await result.getRowObjectsJS()) as Record<string, unknown>[];
    });
  }

  remove(...files: string[]) {
    for (const f of files) rmSync(f, { force: true });
  }

  close() {
    if (this.engine?.open === 0) void retire(this.engine);
    this.engine = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function retire(engine: Engine) {
  (await engine.instance).closeSync();
}
