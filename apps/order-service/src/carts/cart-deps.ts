import { type Logger } from '@platform/service-kit';
import { type Shopper } from '../http/visitor';
import { type ItemsRepository } from '../catalog/items.repository';
import { type CartCache } from './cart-cache';
import { type OwnedListsRepository, type Owner } from './owned-lists.repository';

export interface CartEntry {
  item_id: string;
  quantity: number;
  added_at: Date;
}

export interface WishlistEntry {
  item_id: string;
  added_at: Date;
}

/** What the cart and wishlist use cases work with (wired in carts.component.ts). */
export interface CartDeps {
  carts: OwnedListsRepository<CartEntry>;
  wishlists: OwnedListsRepository<WishlistEntry>;
  /** The catalog's reads (its repository is the catalog's; carts only read items). */
  items: Pick<ItemsRepository, 'findItem' | 'findItems'>;
  cache: CartCache;
  logger: Logger;
}

export const ownerOf = (s: Shopper): Owner =>
  s.kind === 'user' ? `user:${s.userId}` : `session:${s.sessionId}`;
