import { type AddCartItemRequest, type CartResponse } from '@platform/contracts';
import { OrderErrors } from '../errors';
import { type Shopper } from '../http/visitor';
import { ownerOf, type CartDeps, type CartEntry } from './cart-deps';
import { cartView } from './cart-views';
import { changeList } from './change-list';

/** The cart as stored now, joined with today's items. */
async function loadCart(tenantId: string, owner: ReturnType<typeof ownerOf>, deps: CartDeps) {
  const doc = await deps.carts.find(tenantId, owner);
  const items = await deps.items.findItems(tenantId, doc?.entries.map((e) => e.item_id) ?? []);
  return cartView(doc, items);
}

export function getCart(shopper: Shopper, deps: CartDeps): Promise<CartResponse> {
  const owner = ownerOf(shopper);
  return deps.cache.read(shopper.tenantId, owner, 'cart', () => loadCart(shopper.tenantId, owner, deps));
}

/** A live item of the shop, or 404 (another shop's item is not revealed). */
async function liveItem(shopper: Shopper, itemId: string, deps: CartDeps) {
  const item = await deps.items.findItem(shopper.tenantId, itemId);
  if (!item) throw OrderErrors.itemNotFound(itemId);
  return item;
}

/** Applies one change to the shopper's cart, drops its cached view, and answers the cart as it is now. */
async function changeCart(
  shopper: Shopper,
  deps: CartDeps,
  edit: (entries: CartEntry[]) => CartEntry[] | undefined,
): Promise<CartResponse> {
  const owner = ownerOf(shopper);
  await changeList(deps.carts, shopper.tenantId, owner, edit);
  await deps.cache.changed([owner], 'cart');
  return loadCart(shopper.tenantId, owner, deps);
}

/** Adds `quantity` units (to the line there, if any); more than the stock is refused with the stock. */
export async function addToCart(shopper: Shopper, body: AddCartItemRequest, deps: CartDeps) {
  const item = await liveItem(shopper, body.item_id, deps);
  return changeCart(shopper, deps, (entries) => {
    const line = entries.find((e) => e.item_id === item._id);
    const quantity = (line?.quantity ?? 0) + body.quantity;
    if (quantity > item.stock) throw OrderErrors.notEnoughStock(item._id, item.stock);
    if (line) return entries.map((e) => (e === line ? { ...e, quantity } : e));
    return [...entries, { item_id: item._id, quantity, added_at: new Date() }];
  });
}

export async function setCartQuantity(shopper: Shopper, itemId: string, quantity: number, deps: CartDeps) {
  const item = await liveItem(shopper, itemId, deps);
  return changeCart(shopper, deps, (entries) => {
    if (!entries.some((e) => e.item_id === itemId)) throw OrderErrors.cartLineNotFound(itemId);
    if (quantity > item.stock) throw OrderErrors.notEnoughStock(itemId, item.stock);
    return entries.map((e) => (e.item_id === itemId ? { ...e, quantity } : e));
  });
}

/** Removes the line (also of an item deleted since: the shopper must be able to tidy up). */
export function removeFromCart(shopper: Shopper, itemId: string, deps: CartDeps) {
  return changeCart(shopper, deps, (entries) => {
    if (!entries.some((e) => e.item_id === itemId)) throw OrderErrors.cartLineNotFound(itemId);
    return entries.filter((e) => e.item_id !== itemId);
  });
}

/** Empties the cart; the document stays (it keeps the marks of the migrations merged into it). */
export async function clearCart(shopper: Shopper, deps: CartDeps): Promise<void> {
  await changeCart(shopper, deps, (entries) => (entries.length ? [] : undefined));
}
