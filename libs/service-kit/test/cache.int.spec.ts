import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createTestDatabase, eventually, startPrivateServer } from '@platform/devstack/testing';
import { Cache } from '../src/cache';
import { type PendingInvalidationStore } from '../src/cache/pending-invalidations';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { createPgPool } from '../src/postgres/pool';
import {
  PG_PENDING_INVALIDATIONS_DDL,
  PgPendingInvalidations,
} from '../src/postgres/pg-pending-invalidations';
import { createRedis } from '../src/redis';

const logger = createLogger('cache-test', 'silent');
const metrics = () => createMetrics('t', { defaults: false });

/** A promise and the function that settles it: lets a test hold a load exactly where it wants. */
function gate<T = void>() {
  let open!: (v: T) => void;
  const opened = new Promise<T>((resolve) => (open = resolve));
  return { open, opened };
}

describe('Cache (real Redis)', () => {
  it('stores JSON with a TTL and invalidates keys and patterns with SCAN', async () => {
    const redis = createRedis(process.env.REDIS_URL as string);
    await redis.connect();
    const cache = new Cache(redis, logger, metrics());
    const id = randomUUID();
    await cache.set(`user:${id}`, { name: 'Ada' }, 300);
    await redis.set(`user:${id}:items`, '1');
    await redis.set(`user:${id}x`, 'not matched by user:{id}:*');
    expect(await cache.get(`user:${id}`)).toEqual({ name: 'Ada' });
    expect(await redis.ttl(`user:${id}`)).toBeGreaterThan(295);
    await cache.invalidate([`user:${id}`], [`user:${id}:*`]);
    expect(await redis.exists(`user:${id}`, `user:${id}:items`)).toBe(0);
    expect(await redis.exists(`user:${id}x`)).toBe(1);
    redis.disconnect();
  });

  it("deletes a family's members with the family, by their set and without a SCAN of Redis", async () => {
    const server = await startPrivateServer('redis');
    const redis = createRedis(server.url());
    await redis.connect();
    const cache = new Cache(redis, logger, metrics());
    const scans = async () =>
      Number(/cmdstat_scan:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
    const family = 'user:u1:orders';
    try {
      for (const page of ['p1', 'p2', 'p3'])
        await cache.readThrough(`${family}:${page}`, 120, async () => ({ page }), family);
      await cache.readThrough('user:u2:orders:p1', 120, async () => ({ other: true }), 'user:u2:orders');
      expect(await redis.exists(`${family}:p1`, `${family}:p2`, `${family}:p3`)).toBe(3);
      expect(await redis.ttl(`cache-members:${family}`)).toBeGreaterThan(115);

      // a load that began before the change is not cached after it, nor left in the set
      const loaded = gate();
      const release = gate();
      const racing = cache.readThrough(
        `${family}:p4`,
        120,
        async () => {
          loaded.open();
          await release.opened;
          return { page: 'old' };
        },
        family,
      );
      await loaded.opened;
      const before = await scans();
      await cache.invalidate([family]);
      release.open();
      await racing;
      expect(await scans()).toBe(before);
      expect(await redis.exists(`${family}:p1`, `${family}:p2`, `${family}:p3`, `${family}:p4`)).toBe(0);
      expect(await redis.exists(`cache-members:${family}`)).toBe(0);
      expect(await redis.exists('user:u2:orders:p1')).toBe(1); // another family is left alone

      // the family fills again, and goes again
      await cache.readThrough(`${family}:p1`, 120, async () => ({ page: 'new' }), family);
      expect(await cache.get(`${family}:p1`)).toEqual({ page: 'new' });
      await cache.invalidate([family]);
      expect(await redis.exists(`${family}:p1`)).toBe(0);

      // a family written often and never invalidated keeps only its live members
      await cache.readThrough(`${family}:short`, 1, async () => ({ page: 'short' }), family);
      let page = 0;
      await eventually(
        async () => {
          await cache.readThrough(`${family}:q${page++}`, 120, async () => ({ page }), family);
          return (await redis.zscore(`cache-members:${family}`, `${family}:short`)) === null;
        },
        { what: 'the expired member to leave the set', intervalMs: 200, timeoutMs: 10_000 },
      );
      expect(await redis.zcard(`cache-members:${family}`)).toBe(page);
    } finally {
      redis.disconnect();
      await server.dispose();
    }
  });

  it('does not let a read-through that loaded before an invalidation write the old value back', async () => {
    const redis = createRedis(process.env.REDIS_URL as string);
    await redis.connect();
    const reader = new Cache(redis, logger, metrics());
    const writer = new Cache(redis, logger, metrics()); // another request, or another replica
    const key = `user:${randomUUID()}`;
    try {
      const loaded = gate();
      const release = gate();
      const read = reader.readThrough(key, 300, async () => {
        const row = { name: 'old' }; // what the database held when the read began
        loaded.open();
        await release.opened;
        return row;
      });
      await loaded.opened;
      await writer.invalidate([key]); // the update commits and invalidates while the read is slow
      release.open();
      expect(await read).toEqual({ name: 'old' }); // the read itself may answer what it saw...
      expect(await redis.exists(key)).toBe(0); // ...but must not cache it

      // with nothing in between, a read-through caches what it loaded
      expect(await reader.readThrough(key, 300, async () => ({ name: 'new' }))).toEqual({ name: 'new' });
      expect(JSON.parse((await redis.get(key)) as string)).toEqual({ name: 'new' });
    } finally {
      redis.disconnect();
    }
  });

  it('never throws while Redis is down, and replays missed invalidations when it is back', async () => {
    const server = await startPrivateServer('redis');
    const redis = createRedis(server.url());
    await redis.connect();
    const cache = new Cache(redis, logger, metrics());
    try {
      await cache.set('user:1', { v: 'old' }, 300);
      await server.stop(); // Redis keeps user:1 in its append-only file
      await expect(cache.get('user:1')).resolves.toBeUndefined();
      await expect(cache.set('user:2', {}, 60)).resolves.toBeUndefined();
      await expect(cache.invalidate(['user:1'], ['user:1:*'])).resolves.toBeUndefined();

      await server.restart();
      expect(await cache.get('user:1')).toBeUndefined(); // not the stale value reloaded from disk
      if (redis.status !== 'ready') await once(redis, 'ready'); // the client reconnects by itself
      expect(await cache.sync()).toBe(true);
      expect(await redis.exists('user:1')).toBe(0);
    } finally {
      redis.disconnect();
      await server.dispose();
    }
  });

  it('keeps failed invalidations in PostgreSQL: a new process does not serve the stale entry either', async () => {
    const db = await createTestDatabase('cache_pending');
    const pool = createPgPool(db.url);
    await pool.query(PG_PENDING_INVALIDATIONS_DDL);
    const server = await startPrivateServer('redis');
    const first = createRedis(server.url());
    await first.connect();
    let second = createRedis(server.url());
    try {
      const dying = new Cache(first, logger, metrics(), { pending: new PgPendingInvalidations(pool) });
      await dying.set('user:1', { v: 'old' }, 300);
      await dying.set('user:1:items', [1], 300);
      await server.stop(); // Redis keeps both in its append-only file
      await dying.invalidate(['user:1'], ['user:1:*']); // the change is committed; Redis is down
      first.disconnect(); // the process dies before Redis returns: its memory is gone

      await server.restart();
      second = createRedis(server.url());
      await second.connect();
      const fresh = new Cache(second, logger, metrics(), { pending: new PgPendingInvalidations(pool) });
      expect(await fresh.get('user:1')).toBeUndefined();
      expect(await fresh.sync()).toBe(true);
      expect(await second.exists('user:1', 'user:1:items')).toBe(0);
      expect((await pool.query('SELECT 1 FROM cache_pending_invalidations')).rowCount).toBe(0);
    } finally {
      first.disconnect();
      second.disconnect();
      await pool.end();
      await db.drop();
      await server.dispose();
    }
  });

  it("replays another process's failed invalidation within pendingRecheckMs, while that process's Redis is cut off", async () => {
    const db = await createTestDatabase('cache_recheck');
    const pool = createPgPool(db.url);
    await pool.query(PG_PENDING_INVALIDATIONS_DDL);
    const [redisA, redisB] = [
      createRedis(process.env.REDIS_URL as string),
      createRedis(process.env.REDIS_URL as string),
    ];
    await Promise.all([redisA.connect(), redisB.connect()]);
    let t = 1_000_000; // B's clock
    const pending = () => new PgPendingInvalidations(pool);
    const a = new Cache(redisA, logger, metrics(), { pending: pending() });
    const b = new Cache(redisB, logger, metrics(), {
      pending: pending(),
      pendingRecheckMs: 1000,
      now: () => t,
    });
    const key = `user:${randomUUID()}`;
    try {
      expect(await b.sync()).toBe(true);
      await b.set(key, { v: 'old' }, 300);
      expect(await b.get(key)).toEqual({ v: 'old' });

      redisA.disconnect(); // A's own connection breaks (a partial partition); Redis itself is fine
      await a.invalidate([key]); // the change is committed; A records the invalidation it could not apply
      expect((await pool.query('SELECT 1 FROM cache_pending_invalidations')).rowCount).toBe(1);

      t += 999; // B read the pending store less than pendingRecheckMs ago: that is the staleness bound
      expect(await b.get(key)).toEqual({ v: 'old' });
      t += 1; // due: B reads the store again, replays A's invalidation and serves nothing stale
      expect(await b.get(key)).toBeUndefined();
      expect(await redisB.exists(key)).toBe(0);
      expect((await pool.query('SELECT 1 FROM cache_pending_invalidations')).rowCount).toBe(0);
    } finally {
      redisA.disconnect();
      redisB.disconnect();
      await pool.end();
      await db.drop();
    }
  });

  it('a replay already in flight does not declare the process in sync past an invalidation that failed meanwhile', async () => {
    const db = await createTestDatabase('cache_sync_race');
    const pool = createPgPool(db.url);
    await pool.query(PG_PENDING_INVALIDATIONS_DDL);
    const redis = createRedis(process.env.REDIS_URL as string);
    await redis.connect();
    // the shared store, whose next list() the test holds after PostgreSQL answered it
    const store = new PgPendingInvalidations(pool);
    const listed = gate();
    const release = gate();
    let hold = false;
    const held: PendingInvalidationStore = {
      add: (keys, patterns) => store.add(keys, patterns),
      remove: (ids) => store.remove(ids),
      list: async () => {
        const rows = await store.list();
        if (hold) {
          hold = false;
          listed.open();
          await release.opened;
        }
        return rows;
      },
    };
    let t = 1_000_000;
    const cache = new Cache(redis, logger, metrics(), {
      pending: held,
      pendingRecheckMs: 1000,
      now: () => t,
    });
    const key = `user:${randomUUID()}`;
    try {
      expect(await cache.sync()).toBe(true);
      await cache.set(key, { v: 'old' }, 300);

      hold = true;
      t += 1000;
      const replaying = cache.get(key); // the periodic re-check: its list finds nothing pending...
      await listed.opened;
      // ...and before it returns, the connection drops for a moment and an invalidation fails and is recorded
      const closed = once(redis, 'close');
      redis.disconnect(true); // ioredis reconnects by itself
      await closed;
      await cache.invalidate([key]); // nothing reached Redis: the old entry is still there
      expect((await pool.query('SELECT 1 FROM cache_pending_invalidations')).rowCount).toBe(1);
      if (redis.status !== 'ready') await once(redis, 'ready');
      expect(await redis.exists(key)).toBe(1);
      release.open();
      await replaying;

      expect(await cache.get(key)).toBeUndefined(); // the replay saw the recorded invalidation
      expect(await redis.exists(key)).toBe(0);
      expect((await pool.query('SELECT 1 FROM cache_pending_invalidations')).rowCount).toBe(0);
    } finally {
      redis.disconnect();
      await pool.end();
      await db.drop();
    }
  });

  it('exports cache_operations_total and cache_hit_rate with the service label', async () => {
    const redis = createRedis(process.env.REDIS_URL as string);
    await redis.connect();
    const m = metrics();
    const cache = new Cache(redis, logger, m);
    const key = `user:${randomUUID()}`;
    try {
      await cache.readThrough(key, 60, async () => ({ v: 1 })); // a miss, then the load is cached
      await cache.get(key); // a hit
      const text = await m.registry.metrics();
      expect(text).toMatch(/cache_operations_total\{service="t",operation="get",result="hit"\} 1/);
      expect(text).toMatch(/cache_operations_total\{service="t",operation="get",result="miss"\} 1/);
      expect(text).toMatch(/cache_hit_rate\{service="t"\} 0\.5/);
    } finally {
      redis.disconnect();
    }
  });
});
