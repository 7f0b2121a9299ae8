import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@platform/devstack/testing';
import mongoose from 'mongoose';
import { instrumentMongo } from '../src/mongo/mongo-metrics';
import { createMetrics } from '../src/observability/metrics';
import { createPgPool, withTransaction } from '../src/postgres/pool';
import { createRedis } from '../src/redis';

/** The value of one sample in the Prometheus text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('database metrics from the service-kit helpers (real servers)', () => {
  it('counts and times every PostgreSQL query by statement and table, pool.query and transactions alike', async () => {
    const db = await createTestDatabase('db_metrics');
    const metrics = createMetrics('svc', { defaults: false });
    const pool = createPgPool(db.url, { metrics });
    try {
      await pool.query('CREATE TABLE widgets (id int PRIMARY KEY, name text)');
      // failures count too (pg-pool drops the client of a failed pool.query: the next one reconnects)
      await expect(pool.query('SELECT * FROM missing_table')).rejects.toThrow();
      await pool.query('INSERT INTO widgets (id, name) VALUES ($1, $2)', [1, 'a']);
      await withTransaction(pool, async (tx) => {
        await tx.query('UPDATE widgets SET name = $1 WHERE id = $2', ['b', 1]);
        await tx.query('SELECT name FROM widgets WHERE id = $1', [1]);
      });
      await pool.query({ text: 'SELECT name FROM widgets', values: [] });

      const text = await metrics.registry.metrics();
      const series = (name: string, type: string, table: string) =>
        `${name}{service="svc",query_type="${type}",table="${table}"}`;
      expect(sample(text, series('db_queries_total', 'insert', 'widgets'))).toBe(1);
      expect(sample(text, series('db_queries_total', 'update', 'widgets'))).toBe(1);
      expect(sample(text, series('db_queries_total', 'select', 'widgets'))).toBe(2);
      expect(sample(text, series('db_queries_total', 'select', 'missing_table'))).toBe(1);
      expect(sample(text, series('db_queries_total', 'begin', 'none'))).toBe(1);
      expect(sample(text, series('db_query_duration_seconds_count', 'select', 'widgets'))).toBe(2);
      expect(sample(text, series('database_queries_duration_seconds_count', 'insert', 'widgets'))).toBe(1);
      expect(sample(text, 'database_connections_active{service="svc"}')).toBeGreaterThan(0);
    } finally {
      await pool.end();
      await db.drop();
    }
  });

  it('counts and times every MongoDB command by command and collection, from the driver events', async () => {
    const metrics = createMetrics('svc', { defaults: false });
    const dbName = `db_metrics_${randomBytes(4).toString('hex')}`;
    const conn = mongoose.createConnection(`${process.env.MONGO_URL}/${dbName}`, {
      serverSelectionTimeoutMS: 2000,
      monitorCommands: true,
    });
    instrumentMongo(conn.getClient(), metrics);
    await conn.asPromise();
    try {
      const widgets = conn.collection('widgets');
      await widgets.insertOne({ _id: 'w1', name: 'a' } as never);
      await widgets.updateOne({ _id: 'w1' } as never, { $set: { name: 'b' } });
      expect(await widgets.findOne({ _id: 'w1' } as never)).toMatchObject({ name: 'b' });

      const text = await metrics.registry.metrics();
      const series = (name: string, type: string) =>
        `${name}{service="svc",query_type="${type}",table="widgets"}`;
      expect(sample(text, series('db_queries_total', 'insert'))).toBe(1);
      expect(sample(text, series('db_queries_total', 'update'))).toBe(1);
      expect(sample(text, series('db_queries_total', 'find'))).toBe(1);
      expect(sample(text, series('db_query_duration_seconds_count', 'find'))).toBe(1);
      expect(sample(text, series('database_queries_duration_seconds_count', 'update'))).toBe(1);
      const op = (type: string) =>
        `mongo_operations_duration_seconds_count{service="svc",operation="${type}",collection="widgets"}`;
      expect(sample(text, op('insert'))).toBe(1);
      expect(sample(text, op('update'))).toBe(1);
      expect(sample(text, op('find'))).toBe(1);
      expect(sample(text, 'database_connections_active{service="svc"}')).toBeGreaterThan(0);
    } finally {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  it('counts and times every Redis command of a datastore client by command and key family', async () => {
    const metrics = createMetrics('svc', { defaults: false });
    const redis = createRedis(process.env.REDIS_URL as string, { metrics });
    await redis.connect();
    const key = `widgets:${randomBytes(4).toString('hex')}`;
    try {
      await redis.set(key, 'a');
      await Promise.all([redis.get(key), redis.get(key)]); // auto-pipelined: still two commands
      await redis
        .multi()
        .incr(key + ':n')
        .del(key + ':n')
        .exec();
      await redis.eval("return redis.call('GET', KEYS[1])", 1, key);

      const text = await metrics.registry.metrics();
      const series = (name: string, type: string, table: string) =>
        `${name}{service="svc",query_type="${type}",table="${table}"}`;
      expect(sample(text, series('db_queries_total', 'set', 'widgets'))).toBe(1);
      expect(sample(text, series('db_queries_total', 'get', 'widgets'))).toBe(2);
      expect(sample(text, series('db_queries_total', 'incr', 'widgets'))).toBe(1);
      expect(sample(text, series('db_queries_total', 'eval', 'none'))).toBe(1); // never the script as a label
      expect(sample(text, series('db_query_duration_seconds_count', 'get', 'widgets'))).toBe(2);
      expect(sample(text, 'database_connections_active{service="svc"}')).toBe(1);
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
