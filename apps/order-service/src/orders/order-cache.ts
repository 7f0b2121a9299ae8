import { type OrderResponse } from '@platform/contracts';
import { type Cache, CACHE_TTL_SECONDS } from '@platform/service-kit';

export interface CachedOrder {
  tenant_id: string;
  order: OrderResponse;
}

/** `order:{id}` and `user:{id}:orders` (seed 003), dropped on every change of an order. */
export class OrderCache {
  constructor(private readonly cache: Cache) {}

  order(id: string, load: () => Promise<CachedOrder | undefined>): Promise<CachedOrder | undefined> {
    return this.cache.readThrough(`order:${id}`, CACHE_TTL_SECONDS.item, load);
  }

  /** One entry per page and filter, all of the family `user:{id}:orders`. */
  userOrders<T>(userId: string, page: string, load: () => Promise<T>): Promise<T | undefined> {
    const family = `user:${userId}:orders`;
    return this.cache.readThrough(`${family}:${page}`, CACHE_TTL_SECONDS.userItems, load, family);
  }

  /** The order and every cached page of its customer's list (the family's members: no SCAN of Redis). */
  changed(order: { id: string; userId: string }): Promise<void> {
    return this.cache.invalidate([`order:${order.id}`, `user:${order.userId}:orders`]);
  }
}
