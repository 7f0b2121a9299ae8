import { createHash } from 'node:crypto';
import { type ItemListResponse, type ItemResponse, type ListItemsQuery } from '@platform/contracts';
import { CACHE_TTL_SECONDS, type Cache } from '@platform/service-kit';

/** A cached value with the tenant it belongs to: an id of another tenant must stay a 404. */
interface Scoped<T> {
  tenant_id: string;
  value: T;
}

/** How many of an owner's newest items `user:{owner_id}:items` holds (pages inside it are served from it). */
export const OWNER_LIST_SIZE = 100;

/** The family of every `search:{hash}`: one invalidation drops them all. */
const SEARCHES = 'search';

/**
 * Seed 000's catalog keys: `item:{id}` (5 min), `user:{owner_id}:items` (2 min), `search:{hash}` (1 min,
 * hash over tenant and query). A change drops the item, its owner's list and every search (the members of
 * the family `search`, no SCAN of Redis); a stock move (every order line) drops only the item and its
 * owner's list: searches show a stock at most their one-minute TTL old.
 */
export class ItemCache {
  constructor(private readonly cache: Cache) {}

  static searchKey(tenantId: string, query: ListItemsQuery): string {
    const canonical = JSON.stringify([
      tenantId,
      query.owner_id,
      query.category,
      query.q,
      query.limit,
      query.offset,
    ]);
    return `search:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
  }

  item(tenantId: string, id: string, load: () => Promise<ItemResponse | undefined>) {
    return this.scoped(`item:${id}`, CACHE_TTL_SECONDS.item, tenantId, load);
  }

  ownerItems(tenantId: string, ownerId: string, load: () => Promise<ItemResponse[]>) {
    return this.scoped(`user:${ownerId}:items`, CACHE_TTL_SECONDS.userItems, tenantId, load);
  }

  search(tenantId: string, query: ListItemsQuery, load: () => Promise<ItemListResponse>) {
    const key = ItemCache.searchKey(tenantId, query);
    return this.scoped(key, CACHE_TTL_SECONDS.search, tenantId, load, SEARCHES);
  }

  /** After an item was created: its owner's list and the searches. */
  created(ownerId: string): Promise<void> {
    return this.cache.invalidate([`user:${ownerId}:items`, SEARCHES]);
  }

  /** After an item changed (fields, price, stock) or was deleted. */
  changed(id: string, ownerId: string): Promise<void> {
    return this.cache.invalidate([`item:${id}`, `user:${ownerId}:items`, SEARCHES]);
  }

  /** After an order or a release moved an item's stock (orders check the stock itself, never the cache). */
  stockMoved(id: string, ownerId: string): Promise<void> {
    return this.cache.invalidate([`item:${id}`, `user:${ownerId}:items`]);
  }

  private async scoped<T>(
    key: string,
    ttl: number,
    tenantId: string,
    load: () => Promise<T | undefined>,
    family = key,
  ): Promise<T | undefined> {
    const scopedLoad = async () => {
      const value = await load();
      return value === undefined ? undefined : { tenant_id: tenantId, value };
    };
    const entry = await this.cache.readThrough<Scoped<T>>(key, ttl, scopedLoad, family);
    // the same key from another tenant (owner and item ids are uuids: only a forged id gets here)
    if (entry && entry.tenant_id !== tenantId) return load();
    return entry?.value;
  }
}
