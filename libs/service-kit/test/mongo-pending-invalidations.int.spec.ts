import { randomBytes, randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { Cache } from '../src/cache';
import { MongoPendingInvalidations } from '../src/mongo/mongo-pending-invalidations';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { createRedis } from '../src/redis';

const logger = createLogger('cache-test', 'silent');
const metrics = () => createMetrics('t', { defaults: false });

describe('MongoPendingInvalidations (real FerretDB and Redis)', () => {
  let conn: Connection;

  beforeAll(async () => {
    const name = `pending_inval_${randomBytes(4).toString('hex')}`;
    conn = await mongoose
      .createConnection(`${process.env.MONGO_URL}/${name}`, { serverSelectionTimeoutMS: 2000 })
      .asPromise();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  it('keeps invalidations in the order recorded until removed', async () => {
    const store = new MongoPendingInvalidations(conn.db!, `pending_${randomBytes(3).toString('hex')}`);
    await store.add(['item:1'], []);
    await store.add(['item:2', 'user:o:items'], ['search:*']);
    const listed = await store.list();
    expect(listed.map(({ keys, patterns }) => ({ keys, patterns }))).toEqual([
      { keys: ['item:1'], patterns: [] },
      { keys: ['item:2', 'user:o:items'], patterns: ['search:*'] },
    ]);
    await store.remove([listed[0].id]);
    expect((await store.list()).map((p) => p.keys)).toEqual([['item:2', 'user:o:items']]);
    await store.remove([]);
    expect(await store.list()).toHaveLength(1);
  });

  it('another process replays an invalidation that failed in a process whose Redis connection broke', async () => {
    const pending = () => new MongoPendingInvalidations(conn.db!, 'cache_pending_invalidations');
    const [redisA, redisB] = [
      createRedis(process.env.REDIS_URL as string),
      createRedis(process.env.REDIS_URL as string),
    ];
    await Promise.all([redisA.connect(), redisB.connect()]);
    const key = `item:${randomUUID()}`;
    try {
      const a = new Cache(redisA, logger, metrics(), { pending: pending() });
      const b = new Cache(redisB, logger, metrics(), { pending: pending() });
      await b.set(key, { v: 'old' }, 300);
      redisA.disconnect(); // A's connection breaks; Redis itself is fine
      await a.invalidate([key], [`${key}:*`]);
      expect(await pending().list()).toHaveLength(1);

      expect(await b.sync()).toBe(true);
      expect(await redisB.exists(key)).toBe(0);
      expect(await pending().list()).toHaveLength(0);
    } finally {
      redisA.disconnect();
      redisB.disconnect();
    }
  });
});
