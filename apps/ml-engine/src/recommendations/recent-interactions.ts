import { INTERACTION_LABELS, type DomainEvent } from '@platform/contracts';
import { type RedisCommand } from '@platform/messaging';
import type Redis from 'ioredis';
import { userCacheKey } from './recs-cache';

/** One interaction of a user as kept for fold-in and for leaving seen items out. */
export interface RecentInteraction {
  id: string;
  itemId: string;
  /** INTERACTION_LABELS of its type: the weight of its item in the fold-in. */
  weight: number;
  timestamp: string;
}

const recentKey = (tenantId: string, userId: string) => `ml:recent:${tenantId}:${userId}`;
const popularKey = (tenantId: string) => `ml:popular:${tenantId}`;

/**
 * Users' recent interactions (a capped list per user, newest first) and the tenant's popularity counters
 * (a sorted set of label-weighted counts), in Redis. The consumer applies an event's commands through a
 * RedisInbox, so a redelivered interaction counts once.
 */
export class RecentInteractions {
  constructor(
    private readonly redis: Redis,
    private readonly cap: number,
  ) {}

  /** What one ingested interaction changes; it also drops the user's cached answers. */
  commandsFor(tenantId: string, event: DomainEvent<'InteractionIngested'>): RedisCommand[] {
    const d = event.data;
    const weight = INTERACTION_LABELS[d.interaction_type];
    const entry: RecentInteraction = {
      id: event.event_id,
      itemId: d.item_id,
      weight,
      timestamp: d.timestamp,
    };
    const key = recentKey(tenantId, d.user_id);
    return [
      ['LPUSH', key, JSON.stringify(entry)],
      ['LTRIM', key, 0, this.cap - 1],
      ['ZINCRBY', popularKey(tenantId), weight, d.item_id],
      ['DEL', userCacheKey(tenantId, d.user_id)],
    ];
  }

  /** The command reading a user's list (pipelined with the cache lookup by the caller). */
  readArgs(tenantId: string, userId: string): [string, number, number] {
    return [recentKey(tenantId, userId), 0, this.cap - 1];
  }

  static parse(raw: string[] | null | undefined): RecentInteraction[] {
    return (raw ?? []).map((s) => JSON.parse(s) as RecentInteraction);
  }

  async recent(tenantId: string, userId: string): Promise<RecentInteraction[]> {
    return RecentInteractions.parse(await this.redis.lrange(...this.readArgs(tenantId, userId)));
  }

  /** The tenant's `n` most interacted-with items (label-weighted), most first, with their weights. */
  async popular(tenantId: string, n: number): Promise<{ itemId: string; weight: number }[]> {
    const flat = await this.redis.zrevrange(popularKey(tenantId), 0, n - 1, 'WITHSCORES');
    const out: { itemId: string; weight: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ itemId: flat[i], weight: Number(flat[i + 1]) });
    return out;
  }
}
