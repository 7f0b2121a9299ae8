import { type MigrationReport } from '@platform/contracts';
import { type ItemRecord } from '../catalog/items.repository';
import { type CartEntry, type WishlistEntry } from './cart-deps';

export interface Merged<E> {
  entries: E[];
  report: MigrationReport;
}

/**
 * Seed 003 migrateSessionCartToUser, steps 2: each guest line of a live item in stock is added to the
 * user's line (quantities summed) or becomes a new line, its quantity capped by the stock; lines of
 * items gone or out of stock are skipped and reported.
 */
export function mergeCart(user: CartEntry[], guest: CartEntry[], items: ItemRecord[]): Merged<CartEntry> {
  const live = new Map(items.map((i) => [i._id, i]));
  const entries = [...user];
  const report: MigrationReport = { merged: [], added: [], skipped: [] };
  for (const g of guest) {
    const item = live.get(g.item_id);
    if (!item) report.skipped.push({ item_id: g.item_id, reason: 'item_gone' });
    else if (item.stock <= 0) report.skipped.push({ item_id: g.item_id, reason: 'out_of_stock' });
    else {
      const i = entries.findIndex((e) => e.item_id === g.item_id);
      const wanted = (i >= 0 ? entries[i].quantity : 0) + g.quantity;
      const capped = wanted > item.stock;
      if (i >= 0) {
        // never below what the user had: the cap applies to what the guest brings
        const quantity = Math.max(entries[i].quantity, Math.min(wanted, item.stock));
        entries[i] = { ...entries[i], quantity };
        report.merged.push({ item_id: g.item_id, quantity, capped });
      } else {
        const quantity = Math.min(wanted, item.stock);
        entries.push({ item_id: g.item_id, quantity, added_at: g.added_at });
        report.added.push({ item_id: g.item_id, quantity, capped });
      }
    }
  }
  return { entries, report };
}

/** Seed 003 migrateSessionWishlistToUser: live items are added, duplicates and items gone skipped. */
export function mergeWishlist(
  user: WishlistEntry[],
  guest: WishlistEntry[],
  items: ItemRecord[],
): Merged<WishlistEntry> {
  const live = new Set(items.map((i) => i._id));
  const entries = [...user];
  const report: MigrationReport = { merged: [], added: [], skipped: [] };
  for (const g of guest) {
    if (!live.has(g.item_id)) report.skipped.push({ item_id: g.item_id, reason: 'item_gone' });
    else if (entries.some((e) => e.item_id === g.item_id))
      report.skipped.push({ item_id: g.item_id, reason: 'already_in_wishlist' });
    else {
      entries.push(g);
      report.added.push({ item_id: g.item_id });
    }
  }
  return { entries, report };
}
