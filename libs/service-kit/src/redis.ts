import Redis from 'ioredis';
import { type HealthCheck } from './http/health';

/**
 * An ioredis client that fails fast while Redis is down (no offline queue, one retry per command)
 * and keeps reconnecting in the background, so callers can degrade instead of hanging.
 */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // commands issued in the same tick go out in one write: fewer syscalls under load
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', () => undefined); // surfaced through health checks and command failures
  return redis;
}

export const redisCheck = (redis: Redis, name: string, critical: boolean): HealthCheck => ({
  name,
  critical,
  check: async () => {
    if ((await redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
  },
});
