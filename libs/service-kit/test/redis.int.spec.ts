import { createRedis, redisCheck } from '../src/redis';

describe('createRedis (real Redis)', () => {
  it('passes its health check against the devstack Redis', async () => {
    const redis = createRedis(process.env.REDIS_URL as string);
    await redis.connect();
    await expect(redisCheck(redis, 'cache', false).check()).resolves.toBeUndefined();
    redis.disconnect();
  });

  it('fails fast, instead of queueing, when Redis is unreachable', async () => {
    const redis = createRedis('redis://127.0.0.1:1'); // nothing listens on port 1
    const started = Date.now();
    await expect(redisCheck(redis, 'cache', false).check()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
    redis.disconnect();
  });
});
