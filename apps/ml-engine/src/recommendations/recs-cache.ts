import { createHash } from 'node:crypto';
import { type Logger } from '@platform/service-kit';
import type Redis from 'ioredis';

/** One user's cached answers: a hash whose fields are the version, the options and the newest interaction. */
export const userCacheKey = (tenantId: string, userId: string) => `ml:recs:${tenantId}:${userId}`;

/** What is cached of an answer (the rest, request id, latency, is the request's own). */
export interface CachedAnswer {
  recommendations: unknown[];
  strategy: string;
  /**
   * Epoch ms of the write: the entry is fresh for the reader's own TTL after it (the hash's TTL is reset by
   * each write, and a lowered RECS_CACHE_TTL_MS holds at once for entries written before).
   */
  at: number;
}

/**
 * The response cache in Redis. An entry is keyed by tenant, user, model version, the request's options and
 * the id of the user's newest recent interaction, so an interaction arriving while an answer is computed
 * can never be hidden by it; interactions also delete the user's hash (RecentInteractions), and an
 * activation deletes the tenant's hashes.
 */
export class RecsCache {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  static field(version: string, options: unknown, newestInteraction: string | undefined): string {
    const digest = createHash('sha1').update(JSON.stringify(options)).digest('base64url');
    return `${version}|${digest}|${newestInteraction ?? '-'}`;
  }

  decode(raw: string | null | undefined, now = Date.now()): CachedAnswer | undefined {
    if (!raw) return undefined;
    const entry = JSON.parse(raw) as CachedAnswer;
    return entry.at + this.ttlMs > now ? entry : undefined;
  }

  /** Stores the answer in the background: the request does not wait for it, and a failure only costs a hit. */
  put(tenantId: string, userId: string, field: string, answer: Omit<CachedAnswer, 'at'>): void {
    const key = userCacheKey(tenantId, userId);
    this.redis
      .multi()
      .hset(key, field, JSON.stringify({ ...answer, at: Date.now() }))
      .pexpire(key, this.ttlMs)
      .exec()
      .catch((err: Error) => this.logger.warn('Recommendation not cached', { error: err.message }));
  }

  /** Drops every cached answer of the tenant (a version was activated). */
  async dropTenant(tenantId: string): Promise<number> {
    let dropped = 0;
    const stream = this.redis.scanStream({ match: `${userCacheKey(tenantId, '')}*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length) dropped += await this.redis.unlink(...keys);
    }
    return dropped;
  }
}
