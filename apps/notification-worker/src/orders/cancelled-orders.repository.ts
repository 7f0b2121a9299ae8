import type Redis from 'ioredis';

const key = (orderId: string) => `nw:order:${orderId}`;
// a refund follows its cancellation within minutes; a month covers any outage in between
const THIRTY_DAYS = 30 * 24 * 3600;

/**
 * Paid orders that were cancelled (`nw:order:{id}`), so that the refund that follows is mailed as
 * "cancelled and refunded" rather than as a refund of its own.
 */
export class CancelledOrdersRepository {
  constructor(private readonly redis: Redis) {}

  async markCancelled(orderId: string, cancelledAt: string): Promise<void> {
    await this.redis.hset(key(orderId), 'cancelled_at', cancelledAt);
    await this.redis.expire(key(orderId), THIRTY_DAYS);
  }

  async isCancelled(orderId: string): Promise<boolean> {
    return (await this.redis.hexists(key(orderId), 'cancelled_at')) === 1;
  }
}
