import { createRedis, redisCheck } from '../src/redis';

describe('createRedis (real Redis)', () => {
  it('passes its health check against the devstack Redis', async () => {
    const redis = createRedis(process.env.REDIS_URL as string);
    await redis.connect();
    await expect(redisCheck(redis, 'cache', false).check()).resolves.toBeUndefined();
    redis.disconnect();
  });

  it('rejects a command at once while Redis is unreachable, instead of queueing it until a reconnect', async () => {
    const redis = createRedis('redis://127.0.0.1:1'); // nothing listens on port 1
    redis.connect().catch(() => undefined);
    try {
      // no offline queue: the command is refused at once, rather than parked until Redis answers
      await expect(redis.get('any')).rejects.toThrow(/enableOfflineQueue/);
      await expect(redisCheck(redis, 'cache', false).check()).rejects.toThrow();
    } finally {
      redis.disconnect();
    }
  }, 5_000); // a client that queued would hang here until this timeout
});
