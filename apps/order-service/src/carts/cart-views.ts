import { type CartResponse, type WishlistResponse } from '@platform/contracts';
import { type ItemRecord } from '../catalog/items.repository';
import { fromCents } from '../catalog/item-record';
import { type CartEntry, type WishlistEntry } from './cart-deps';
import { type OwnedList } from './owned-lists.repository';

const byId = (items: ItemRecord[]) => new Map(items.map((i) => [i._id, i]));

/** The cart as shown: the lines of live items (deleted ones are left out) with today's prices and stock. */
export function cartView(doc: OwnedList<CartEntry> | null, items: ItemRecord[]): CartResponse {
  const live = byId(items);
  let subtotalCents = 0;
  const lines: CartResponse['lines'] = [];
  for (const e of doc?.entries ?? []) {
    const item = live.get(e.item_id);
    if (!item) continue;
    const totalCents = item.price_cents * e.quantity;
    subtotalCents += totalCents;
    lines.push({
      item_id: e.item_id,
      title: item.title,
      quantity: e.quantity,
      unit_price: fromCents(item.price_cents),
      line_total: fromCents(totalCents),
      currency: item.currency,
      available_stock: item.stock,
    });
  }
  return {
    lines,
    item_count: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: fromCents(subtotalCents),
    currency: lines[0]?.currency ?? null,
    updated_at: doc ? doc.updated_at.toISOString() : null,
  };
}

export function wishlistView(doc: OwnedList<WishlistEntry> | null, items: ItemRecord[]): WishlistResponse {
  const live = byId(items);
  return {
    items: (doc?.entries ?? []).flatMap((e) => {
      const item = live.get(e.item_id);
      return item
        ? [
            {
              item_id: e.item_id,
              title: item.title,
              price: fromCents(item.price_cents),
              currency: item.currency,
              added_at: e.added_at.toISOString(),
            },
          ]
        : [];
    }),
    updated_at: doc ? doc.updated_at.toISOString() : null,
  };
}
