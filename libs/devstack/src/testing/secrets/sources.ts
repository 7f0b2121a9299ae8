import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import mongoose from 'mongoose';
import { Client } from 'pg';

/** One piece of stored or written text and where it is (file:line, table.column id, key …). */
export interface Piece {
  where: string;
  text: string;
}
export type Source = 'log' | 'kafka' | 'postgres' | 'mongo' | 'redis';

/** Every line of the log files (a service's output: pino JSON lines and anything it printed). */
export function* logLines(files: string[], onLine: () => void): Generator<Piece> {
  for (const file of new Set(files)) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++)
      if (lines[i]) {
        onLine();
        yield { where: `${path.basename(file)}:${i + 1}`, text: lines[i] };
      }
  }
}

/**
 * Every row of every table of the database, one piece per non-null column, written `"column":value` so
 * the column's name is the context a field pattern reads (a `card_number` column, a `password` one).
 */
export async function postgresRows(url: string, onRow: () => void): Promise<Piece[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const db = new URL(url).pathname.slice(1);
  try {
    const { rows: tables } = await client.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const pieces: Piece[] = [];
    for (const { s, t } of tables) {
      const { rows } = await client.query<{ j: Record<string, unknown> }>(
        `SELECT row_to_json(r) AS j FROM "${s}"."${t}" r`,
      );
      rows.forEach(({ j }, i) => {
        onRow();
        const id = String(j.id ?? j.event_id ?? `#${i + 1}`);
        for (const [column, value] of Object.entries(j))
          if (value !== null)
            pieces.push({
              where: `${db}.${t}.${column} id=${id}`,
              text: `"${column}":${JSON.stringify(value)}`,
            });
      });
    }
    return pieces;
  } finally {
    await client.end();
  }
}

/** Every document of every collection of the MongoDB (FerretDB) database named by `url`. */
export async function mongoDocuments(url: string, onDocument: () => void): Promise<Piece[]> {
  const conn = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const db = conn.db!;
    const pieces: Piece[] = [];
    for (const { name } of await db.listCollections().toArray()) {
      if (name.startsWith('system.')) continue;
      for (const doc of await db.collection(name).find({}).toArray()) {
        onDocument();
        pieces.push({
          where: `${db.databaseName}.${name} _id=${String(doc._id)}`,
          text: JSON.stringify(doc),
        });
      }
    }
    return pieces;
  } finally {
    await conn.close();
  }
}

/** Every key of the Redis database named by `url`: its name and its value, whatever its type. */
export async function redisKeys(url: string, onKey: () => void): Promise<Piece[]> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    const pieces: Piece[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        onKey();
        pieces.push({
          where: `redis ${new URL(url).port}/${key}`,
          text: `${key} ${await valueOf(redis, key)}`,
        });
      }
    } while (cursor !== '0');
    return pieces;
  } finally {
    redis.disconnect();
  }
}

async function valueOf(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
