import type Redis from 'ioredis';
import { Counter } from 'prom-client';
import { type Logger } from './observability/logger';
import { type Metrics } from './observability/metrics';

/** Key patterns and TTLs of seed 000 (and seed 003's carts). */
export const CACHE_TTL_SECONDS = { user: 300, userItems: 120, item: 300, search: 60 } as const;

const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/**
 * JSON values in Redis that never fail a request: when Redis is down a read is a miss and a write is
 * skipped, each with a warning (seed 003: graceful degradation). An invalidation that fails is kept
 * and replayed when the client reconnects, and until then its keys read as misses: otherwise the
 * entries Redis reloads from its append-only file would serve data from before the change.
 * (A process that dies during the outage loses its pending invalidations: the TTL bounds that.)
 */
export class Cache {
  private readonly ops: Counter<'service' | 'operation' | 'result'>;
  private readonly pendingKeys = new Set<string>();
  private readonly pendingPatterns = new Map<string, RegExp>();

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    redis.on('ready', () => void this.replayInvalidations());
    this.ops = new Counter({
      name: 'cache_operations_total',
      help: 'Cache operations by result',
      labelNames: ['service', 'operation', 'result'],
      registers: [metrics.registry],
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.isPending(key)) {
      await this.replayInvalidations();
      if (this.isPending(key)) return undefined;
    }
    try {
      const raw = await this.redis.get(key);
      this.count('get', raw === null ? 'miss' : 'hit');
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch (err) {
      return this.degrade('get', key, err);
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
      this.count('set', 'ok');
    } catch (err) {
      this.degrade('set', key, err);
    }
  }

  /** Deletes `keys` and every key matching `patterns` (SCAN, never KEYS: it does not block Redis). */
  async invalidate(keys: string[], patterns: string[] = []): Promise<void> {
    try {
      await this.remove(keys, patterns);
      this.count('invalidate', 'ok');
    } catch (err) {
      keys.forEach((k) => this.pendingKeys.add(k));
      patterns.forEach((p) => this.pendingPatterns.set(p, globToRegExp(p)));
      this.degrade('invalidate', keys.join(','), err);
    }
  }

  private isPending(key: string): boolean {
    if (this.pendingKeys.has(key)) return true;
    for (const re of this.pendingPatterns.values()) if (re.test(key)) return true;
    return false;
  }

  private async replayInvalidations(): Promise<void> {
    if (!this.pendingKeys.size && !this.pendingPatterns.size) return;
    const keys = [...this.pendingKeys];
    const patterns = [...this.pendingPatterns.keys()];
    try {
      await this.remove(keys, patterns);
      keys.forEach((k) => this.pendingKeys.delete(k));
      patterns.forEach((p) => this.pendingPatterns.delete(p));
      this.count('invalidate_replay', 'ok');
    } catch {
      this.count('invalidate_replay', 'error'); // still down: stays pending
    }
  }

  private async remove(keys: string[], patterns: string[]): Promise<void> {
    const doomed = [...keys];
    for (const match of patterns) {
      let cursor = '0';
      do {
        const [next, found] = await this.redis.scan(cursor, 'MATCH', match, 'COUNT', 200);
        doomed.push(...found);
        cursor = next;
      } while (cursor !== '0');
    }
    if (doomed.length) await this.redis.unlink(...doomed);
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
