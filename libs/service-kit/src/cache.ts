import type Redis from 'ioredis';
import { CacheMetrics } from './cache/cache-metrics';
import { readGeneration, removeKeys, setIfGeneration } from './cache/generations';
import { InvalidationSync } from './cache/invalidation-sync';
import { MemoryPendingInvalidations, type PendingInvalidationStore } from './cache/pending-invalidations';
import { type Logger } from './observability/logger';
import { type Metrics } from './observability/metrics';

/** Key patterns and TTLs of seed 000 (and seed 003's carts). */
export const CACHE_TTL_SECONDS = { user: 300, userItems: 120, item: 300, search: 60 } as const;

export interface CacheOptions {
  /**
   * Where invalidations that fail while Redis is down are kept until they are replayed. Give a
   * durable one (`PgPendingInvalidations`) when the service has a database: the process's memory
   * (the default) loses them when the process dies.
   */
  pending?: PendingInvalidationStore;
  /**
   * How often (ms, default 1000) a process reads the pending store again before serving from Redis:
   * the longest another process's failed invalidation can leave this one serving the old entry.
   */
  pendingRecheckMs?: number;
  /** The clock, in ms (tests control it). */
  now?: () => number;
}

/**
 * JSON values in Redis that never fail a request: when Redis is down a read is a miss and a write is
 * skipped, each with a warning (seed 003: graceful degradation). An invalidation that fails is
 * recorded in the pending store; every process replays the pending ones whenever its connection to
 * Redis is (re)established, and at least every `pendingRecheckMs` while it serves reads, and reads
 * nothing from Redis until it has: otherwise the entries Redis reloads from its append-only file, or
 * that another process could not delete, would serve data from before the change (`InvalidationSync`).
 */
export class Cache {
  private readonly stats: CacheMetrics;
  private readonly pending: InvalidationSync;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    metrics: Metrics,
    opts: CacheOptions = {},
  ) {
    this.stats = new CacheMetrics(metrics);
    this.pending = new InvalidationSync(redis, logger, {
      pending: opts.pending ?? new MemoryPendingInvalidations(),
      recheckMs: opts.pendingRecheckMs ?? 1000,
      now: opts.now ?? Date.now,
      count: (operation, result) => this.stats.count(operation, result),
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!(await this.pending.ready())) return this.miss();
    try {
      const raw = await this.redis.get(key);
      this.stats.count('get', raw === null ? 'miss' : 'hit');
      if (raw === null) return this.miss();
      this.stats.lookup(true);
      return JSON.parse(raw) as T;
    } catch (err) {
      this.miss();
      return this.degrade('get', key, err);
    }
  }

  /** Writes unconditionally: for a value known to be current (see `readThrough` for loaded ones). */
  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
      this.stats.count('set', 'ok');
    } catch (err) {
      this.degrade('set', key, err);
    }
  }

  /**
   * The cached value of `key`, or `load()`'s, which is then cached unless `family` (default: `key`)
   * was invalidated meanwhile: a load that raced a change must not put the old value back. A key
   * cached under another family is deleted with it: `invalidate([family])` (no pattern, no SCAN).
   */
  async readThrough<T>(
    key: string,
    ttlSeconds: number,
    load: () => Promise<T | undefined>,
    family = key,
  ): Promise<T | undefined> {
    const cached = await this.get<T>(key);
    if (cached !== undefined) return cached;
    // read before the load; unknown (Redis down, or invalidations pending) means the value is not cached
    const generation = this.pending.current
      ? await readGeneration(this.redis, family).catch(() => undefined)
      : undefined;
    const value = await load();
    if (value === undefined || generation === undefined) return value;
    try {
      const entry = { key, json: JSON.stringify(value), ttlSeconds };
      this.stats.count(
        'set',
        (await setIfGeneration(this.redis, entry, family, generation)) ? 'ok' : 'stale',
      );
    } catch (err) {
      this.degrade('set', key, err);
    }
    return value;
  }

  /**
   * Deletes `keys`, the keys read through under each of them as a family, and every key matching
   * `patterns`, and moves the generation of each of `keys` on, so loads already under way do not write
   * back. A pattern is a SCAN (never KEYS: it does not block Redis) of the whole keyspace, a cost that
   * grows with Redis, not with what is deleted: a family is the way on a request's path. When that
   * fails it is recorded as pending, for every process to replay.
   */
  async invalidate(keys: string[], patterns: string[] = []): Promise<void> {
    try {
      await removeKeys(this.redis, keys, patterns);
      this.stats.count('invalidate', 'ok');
    } catch (err) {
      this.degrade('invalidate', keys.join(','), err);
      await this.pending.record(keys, patterns);
    }
  }

  /**
   * Replays the pending invalidations (every process's, when the store is shared); resolves true
   * once none is left and this process may read from Redis again.
   */
  sync(): Promise<boolean> {
    return this.pending.sync();
  }

  private miss(): undefined {
    this.stats.lookup(false);
    return undefined;
  }

  private degrade(operation: string, key: string, err: unknown): undefined {
    this.stats.count(operation, 'error');
    this.logger.warn('Cache unavailable; continuing without it', {
      operation,
      key,
      error: (err as Error).message,
    });
    return undefined;
  }
}
