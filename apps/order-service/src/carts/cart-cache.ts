import { type Cache } from '@platform/service-kit';
import { type Owner } from './owned-lists.repository';

/**
 * `session:{id}:cart|wishlist` and `user:{id}:cart|wishlist` (seed 003), holding the answer as shown.
 * TTL 60 s: the shopper's own changes invalidate the entry at once, but a price or stock change of an
 * item does not reach it, so the TTL bounds how stale a shown price or stock can be; an order re-reads
 * both, so staleness never costs money. The cache never blocks a request: `Cache` degrades to the
 * database when Redis is down and keeps failed invalidations for replay.
 */
export const CART_TTL_SECONDS = 60;

type Kind = 'cart' | 'wishlist';
interface Entry<V> {
  tenant_id: string;
  view: V;
}

export class CartCache {
  constructor(private readonly cache: Cache) {}

  /**
   * The cached view, else `load()`'s. A session id is the client's choice and the seed's key has no
   * tenant: an entry of another shop is never served (read from the database, not cached).
   */
  async read<V>(tenantId: string, owner: Owner, kind: Kind, load: () => Promise<V>): Promise<V> {
    const entry = await this.cache.readThrough<Entry<V>>(`${owner}:${kind}`, CART_TTL_SECONDS, async () => ({
      tenant_id: tenantId,
      view: await load(),
    }));
    if (entry && entry.tenant_id === tenantId) return entry.view;
    return load();
  }

  changed(owners: Owner[], kind: Kind): Promise<void> {
    return this.cache.invalidate(owners.map((o) => `${o}:${kind}`));
  }
}
