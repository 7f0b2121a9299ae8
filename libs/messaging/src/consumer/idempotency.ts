import type Redis from 'ioredis';

/** Remembers which events a consumer group has already handled, so a redelivery changes nothing twice. */
export interface IdempotencyStore {
  seen(group: string, eventId: string): Promise<boolean>;
  remember(group: string, eventId: string): Promise<void>;
}

/** Redis-backed store: one key per handled event, kept for a week (far beyond any redelivery window). */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = 7 * 24 * 3600,
    private readonly prefix = 'processed',
  ) {}

  private key(group: string, eventId: string): string {
    return `${this.prefix}:${group}:${eventId}`;
  }

  async seen(group: string, eventId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(group, eventId))) === 1;
  }

  async remember(group: string, eventId: string): Promise<void> {
    await this.redis.set(this.key(group, eventId), '1', 'EX', this.ttlSeconds);
  }
}
