import { randomUUID } from 'node:crypto';
import { startPrivateServer } from '@platform/devstack/testing';
import { Cache } from '../src/cache';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { createRedis } from '../src/redis';

const logger = createLogger('cache-test', 'silent');

describe('Cache (real Redis)', () => {
  it('stores JSON with a TTL and invalidates keys and patterns with SCAN', async () => {
    const redis = createRedis(process.env.REDIS_URL as string);
    await redis.connect();
    const cache = new Cache(redis, logger, createMetrics('t', { defaults: false }));
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

  it('never throws while Redis is down, and replays missed invalidations when it is back', async () => {
    const server = await startPrivateServer('redis');
    const redis = createRedis(server.url());
    await redis.connect();
    const cache = new Cache(redis, logger, createMetrics('t', { defaults: false }));
    try {
      await cache.set('user:1', { v: 'old' }, 300);
      await server.stop(); // Redis keeps user:1 in its append-only file
      await expect(cache.get('user:1')).resolves.toBeUndefined();
      await expect(cache.set('user:2', {}, 60)).resolves.toBeUndefined();
      await expect(cache.invalidate(['user:1'], ['user:1:*'])).resolves.toBeUndefined();

      await server.restart();
      expect(await cache.get('user:1')).toBeUndefined(); // not the stale value reloaded from disk
      await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 50 && (await redis.exists('user:1').catch(() => 1)); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await redis.exists('user:1')).toBe(0);
    } finally {
      redis.disconnect();
      await server.dispose();
    }
  });
});
