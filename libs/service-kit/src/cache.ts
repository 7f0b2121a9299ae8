import type Redis from 'ioredis';
import { Counter, Gauge } from 'prom-client';
import { MemoryPendingInvalidations, type PendingInvalidationStore } from './cache/pending-invalidations';
import { type Logger } from './observability/logger';
import { type Metrics } from './observability/metrics';

/** Key patterns and TTLs of seed 000 (and seed 003's carts). */
export const CACHE_TTL_SECONDS = { user: 300, userItems: 120, item: 300, search: 60 } as const;

/**
 * Each key family (the keys `invalidate` is given, e.g. `user:{id}`) has a generation counter. A read
 * through the cache reads it before loading from the database and writes the loaded value only if it
 * is unchanged, in one script: a load that started before an invalidation cannot put the old value
 * back. The counters live outside the seed's key patterns, so `user:{id}:*` never deletes one.
 */
const generationKey = (family: string) => `cache-gen:${family}`;
/** Longer than any read-through takes; a counter that expires reads as 0, which no pending load holds. */
const GENERATION_TTL_SECONDS = 86_400;

const SET_IF_GENERATION = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

export interface CacheOptions {
  /**
   * Where invalidations that fail while Redis is down are kept until they are replayed. Give a
   * durable one (`PgPendingInvalidations`) when the service has a database: the process's memory
   * (the default) loses them when the process dies.
   */
  pending?: PendingInvalidationStore;
}

/**
 * JSON values in Redis that never fail a request: when Redis is down a read is a miss and a write is
 * skipped, each with a warning (seed 003: graceful degradation). An invalidation that fails is
 * recorded in the pending store; every process replays the pending ones whenever its connection to
 * Redis is (re)established and reads nothing from Redis until it has: otherwise the entries Redis
 * reloads from its append-only file would serve data from before the change.
 */
export class Cache {
  private readonly ops: Counter<'service' | 'operation' | 'result'>;
  private readonly pending: PendingInvalidationStore;
  private readonly lookups = { hits: 0, misses: 0 };
  /** Whether this process has replayed every pending invalidation since its connection came up. */
  private synced = false;
  private syncing: Promise<boolean> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    opts: CacheOptions = {},
  ) {
    this.pending = opts.pending ?? new MemoryPendingInvalidations();
    // while disconnected, other processes may record invalidations this one has not seen
    redis.on('close', () => (this.synced = false));
    redis.on('ready', () => void this.sync());
    const registers = [metrics.registry];
    this.ops = new Counter({
      name: 'cache_operations_total',
      help: 'Cache operations by result',
      labelNames: ['service', 'operation', 'result'],
      registers,
    });
    const { lookups } = this;
    new Gauge({
      name: 'cache_hit_rate',
      help: 'Share of cache reads that were hits, since the process started',
      labelNames: ['service'],
      registers,
      collect() {
        const total = lookups.hits + lookups.misses;
        this.set({ service: metrics.service }, total ? lookups.hits / total : 0);
      },
    });
    if (redis.status === 'ready') void this.sync();
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!this.synced && !(await this.sync())) return this.miss();
    try {
      const raw = await this.redis.get(key);
      this.count('get', raw === null ? 'miss' : 'hit');
      if (raw === null) return this.miss();
      this.lookups.hits++;
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
      this.count('set', 'ok');
    } catch (err) {
      this.degrade('set', key, err);
    }
  }

  /**
   * The cached value of `key`, or `load()`'s, which is then cached unless `family` (default: `key`)
   * was invalidated meanwhile: a load that raced a change must not put the old value back.
   */
  async readThrough<T>(
    key: string,
    ttlSeconds: number,
    load: () => Promise<T | undefined>,
    family = key,
  ): Promise<T | undefined> {
    const cached = await this.get<T>(key);
    if (cached !== undefined) return cached;
    const generation = await this.generation(family);
    const value = await load();
    if (value !== undefined && generation !== undefined)
      await this.setIfGeneration(key, value, ttlSeconds, family, generation);
    return value;
  }

  /**
   * Deletes `keys` and every key matching `patterns` (SCAN, never KEYS: it does not block Redis), and
   * moves the generation of each of `keys` on, so loads already under way do not write back.
   */
  async invalidate(keys: string[], patterns: string[] = []): Promise<void> {
    try {
      await this.remove(keys, patterns);
      this.count('invalidate', 'ok');
    } catch (err) {
      this.degrade('invalidate', keys.join(','), err);
      this.synced = false; // until replayed, this process reads no entry from Redis
      await this.pending.add(keys, patterns).catch((e: unknown) =>
        this.logger.error(
          'Could not record a failed cache invalidation; entries may be stale until their TTL',
          {
            keys,
            patterns,
            error: (e as Error).message,
          },
        ),
      );
      if (this.redis.status === 'ready') void this.sync(); // Redis came back meanwhile
    }
  }

  /**
   * Replays the pending invalidations (every process's, when the store is shared); resolves true
   * once none is left and this process may read from Redis again.
   */
  sync(): Promise<boolean> {
    this.syncing ??= this.replay().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async replay(): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    try {
      for (let batch = await this.pending.list(); batch.length; batch = await this.pending.list()) {
        await this.remove(
          batch.flatMap((p) => p.keys),
          batch.flatMap((p) => p.patterns),
        );
        await this.pending.remove(batch.map((p) => p.id));
        this.count('invalidate_replay', 'ok');
      }
      this.synced = true;
      return true;
    } catch (err) {
      this.count('invalidate_replay', 'error'); // still down: stays pending, reads stay misses
      this.logger.warn('Pending cache invalidations not replayed yet', { error: (err as Error).message });
      return false;
    }
  }

  private async generation(family: string): Promise<string | undefined> {
    if (!this.synced) return undefined;
    try {
      return (await this.redis.get(generationKey(family))) ?? '0';
    } catch {
      return undefined; // Redis down: the loaded value is not cached
    }
  }

  private async setIfGeneration(
    key: string,
    value: unknown,
    ttlSeconds: number,
    family: string,
    generation: string,
  ): Promise<void> {
    try {
      const written = await this.redis.eval(
        SET_IF_GENERATION,
        2,
        key,
        generationKey(family),
        generation,
        JSON.stringify(value),
        ttlSeconds,
      );
      this.count('set', written === 1 ? 'ok' : 'stale');
    } catch (err) {
      this.degrade('set', key, err);
    }
  }

  private async remove(keys: string[], patterns: string[]): Promise<void> {
    if (keys.length) {
      const tx = this.redis.multi();
      for (const key of keys) tx.incr(generationKey(key)).expire(generationKey(key), GENERATION_TTL_SECONDS);
      tx.unlink(...keys);
      const results = await tx.exec();
      const failed = results?.find(([err]) => err)?.[0];
      if (!results || failed) throw failed ?? new Error('cache invalidation aborted');
    }
    for (const match of patterns) {
      const doomed: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await this.redis.scan(cursor, 'MATCH', match, 'COUNT', 200);
        doomed.push(...found);
        cursor = next;
      } while (cursor !== '0');
      if (doomed.length) await this.redis.unlink(...doomed);
    }
  }

  private miss(): undefined {
    this.lookups.misses++;
    return undefined;
  }

  private count(operation: string, result: string): void {
    this.ops.inc({ service: this.metrics.service, operation, result });
  }

  private degrade(operation: string, key: string, err: unknown): undefined {
    this.count(operation, 'error');
    this.logger.warn('Cache unavailable; continuing without it', {
      operation,
      key,
      error: (err as Error).message,
    });
    return undefined;
  }
}
