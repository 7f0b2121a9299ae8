import Redis, { type Command } from 'ioredis';
import { type HealthCheck } from './http/health';
import { dbMetrics, type DbMetrics } from './observability/db-metrics';
import { type Metrics } from './observability/metrics';

/**
 * An ioredis client that fails fast while Redis is down (no offline queue, one retry per command)
 * and keeps reconnecting in the background, so callers can degrade instead of hanging. Give it
 * `metrics` where Redis is the service's database (not a cache: `Cache` counts its own operations).
 */
export function createRedis(url: string, { metrics }: { metrics?: Metrics } = {}): Redis {
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
  if (metrics) instrumentRedis(redis, dbMetrics(metrics));
  return redis;
}

/**
 * `table` of a Redis command: the key's family, the part before its first `:` (`deliveries:{id}` →
 * `deliveries`); 'none' for a command without such a key (PING, a script's text), so the label
 * never takes one value per key.
 */
export function redisKeyFamily(command: { args: unknown[] }): string {
  const key = command.args[0];
  const match = typeof key === 'string' ? /^([\w.-]{1,64}):/.exec(key) : null;
  return match ? match[1] : 'none';
}

/** Times every command, pipelined and transactions included: they all pass through sendCommand. */
function instrumentRedis(redis: Redis, db: DbMetrics): void {
  db.countConnections(() => (redis.status === 'ready' ? 1 : 0));
  const send = redis.sendCommand.bind(redis) as (command: Command, ...rest: unknown[]) => unknown;
  (redis as unknown as { sendCommand: typeof send }).sendCommand = (command, ...rest) => {
    const done = db.observe(command.name.toLowerCase(), redisKeyFamily(command));
    command.promise.then(done, done);
    return send(command, ...rest);
  };
}

export const redisCheck = (redis: Redis, name: string, critical: boolean): HealthCheck => ({
  name,
  critical,
  check: async () => {
    if ((await redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
  },
});
