import { type WishlistResponse } from '@platform/contracts';
import { OrderErrors } from '../errors';
import { type Shopper } from '../http/visitor';
import { ownerOf, type CartDeps, type WishlistEntry } from './cart-deps';
import { wishlistView } from './cart-views';
import { changeList } from './change-list';

async function loadWishlist(tenantId: string, owner: ReturnType<typeof ownerOf>, deps: CartDeps) {
  const doc = await deps.wishlists.find(tenantId, owner);
  const items = await deps.items.findItems(tenantId, doc?.entries.map((e) => e.item_id) ?? []);
  return wishlistView(doc, items);
}

export function getWishlist(shopper: Shopper, deps: CartDeps): Promise<WishlistResponse> {
  const owner = ownerOf(shopper);
  return deps.cache.read(shopper.tenantId, owner, 'wishlist', () =>
    loadWishlist(shopper.tenantId, owner, deps),
  );
}

async function changeWishlist(
  shopper: Shopper,
  deps: CartDeps,
  edit: (entries: WishlistEntry[]) => WishlistEntry[] | undefined,
) {
  const owner = ownerOf(shopper);
  await changeList(deps.wishlists, shopper.tenantId, owner, edit);
  await deps.cache.changed([owner], 'wishlist');
  return loadWishlist(shopper.tenantId, owner, deps);
}

/** Adds a live item of the shop (404 otherwise); `added` false when it was there already. */
export async function addToWishlist(shopper: Shopper, itemId: string, deps: CartDeps) {
  const item = await deps.items.findItem(shopper.tenantId, itemId);
  if (!item) throw OrderErrors.itemNotFound(itemId);
  let added = false;
  const wishlist = await changeWishlist(shopper, deps, (entries) => {
    added = !entries.some((e) => e.item_id === itemId);
    return added ? [...entries, { item_id: itemId, added_at: new Date() }] : undefined;
  });
  return { wishlist, added };
}

export function removeFromWishlist(shopper: Shopper, itemId: string, deps: CartDeps) {
  return changeWishlist(shopper, deps, (entries) => {
    if (!entries.some((e) => e.item_id === itemId)) throw OrderErrors.wishlistEntryNotFound(itemId);
    return entries.filter((e) => e.item_id !== itemId);
  });
}
