import { type MigrateCartResponse, type MigrationReport } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { type ItemRecord } from '../catalog/items.repository';
import { type CartDeps } from './cart-deps';
import { mergeCart, mergeWishlist, type Merged } from './merge-lists';
import { type OwnedList, type OwnedListsRepository, type Owner } from './owned-lists.repository';

/*
 * Moving a guest's cart or wishlist to the user at login, atomic without transactions (FerretDB has
 * none). Two writes, in this order:
 *   1. the user's document gets the merged entries AND a mark naming the guest document (its _id) with
 *      the report, in one compare-and-set write;
 *   2. the guest document is deleted.
 * A crash before 1 leaves the guest's data untouched; after 1, the user's merged data is complete and
 * a retry (a redelivered UserLoggedIn, or POST /api/cart/migrate) finds the mark, skips the merge and
 * only finishes the deletion, answering the stored report. A redelivery after 2 finds no guest data
 * and changes nothing. The mark names the guest document, not the session: a new guest cart of the
 * same session later is another document and is merged again.
 * Known window: between the two writes the guest still sees its own cart (it is deleted a moment
 * later, or by the retry), and a line the guest adds in that window goes with the guest document.
 */

type Kind = 'cart' | 'wishlist';
type Merge<E> = (user: E[], guest: E[], items: ItemRecord[]) => Merged<E>;
const MAX_ATTEMPTS = 50;

interface Plan<E> {
  kind: Kind;
  repo: OwnedListsRepository<E>;
  merge: Merge<E>;
}

const plans = (deps: CartDeps) => ({
  cart: { kind: 'cart', repo: deps.carts, merge: mergeCart } as Plan<unknown>,
  wishlist: { kind: 'wishlist', repo: deps.wishlists, merge: mergeWishlist } as Plan<unknown>,
});

/**
 * Step 1 alone: merges the guest document into the user's with its mark. 'marked' when the mark was
 * there already; null when the guest has nothing. Exported for the crash test (step 1, then a crash).
 */
export async function writeMerge(
  kind: Kind,
  tenantId: string,
  sessionId: string,
  userId: string,
  deps: CartDeps,
): Promise<{ guest: OwnedList<unknown>; report: MigrationReport } | null> {
  const { repo, merge } = plans(deps)[kind];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const guest = await repo.find(tenantId, `session:${sessionId}`);
    if (!guest) return null;
    if (!guest.entries.length) return { guest, report: { merged: [], added: [], skipped: [] } };
    const user = await repo.find(tenantId, `user:${userId}`);
    const mark = user?.migrated.find((m) => m.guest_id === guest._id);
    if (mark) return { guest, report: mark.report };
    const items = await deps.items.findItems(tenantId, [
      ...new Set((guest.entries as { item_id: string }[]).map((e) => e.item_id)),
    ]);
    const { entries, report } = merge(user?.entries ?? [], guest.entries, items);
    const marked = { guest_id: guest._id, report, at: new Date() };
    if (await repo.save(tenantId, `user:${userId}`, user, entries, marked)) return { guest, report };
  }
  throw Errors.unavailable('Too many concurrent changes to the cart; try again');
}

/** Both steps for one list; the report, or null when the guest had nothing (an empty list is deleted). */
async function migrateList(kind: Kind, tenantId: string, sessionId: string, userId: string, deps: CartDeps) {
  const done = await writeMerge(kind, tenantId, sessionId, userId, deps);
  if (!done) return null;
  await plans(deps)[kind].repo.deleteDoc(done.guest._id);
  const owners: Owner[] = [`session:${sessionId}`, `user:${userId}`];
  await deps.cache.changed(owners, kind);
  if (!done.guest.entries.length) return null;
  deps.logger.info(`guest ${kind} moved to the user`, {
    tenant_id: tenantId,
    user_id: userId,
    guest_id: done.guest._id,
    merged: done.report.merged.length,
    added: done.report.added.length,
    skipped: done.report.skipped,
  });
  return done.report;
}

export const migrateSessionCartToUser = (t: string, s: string, u: string, deps: CartDeps) =>
  migrateList('cart', t, s, u, deps);
export const migrateSessionWishlistToUser = (t: string, s: string, u: string, deps: CartDeps) =>
  migrateList('wishlist', t, s, u, deps);

/** The cart, then the wishlist (each atomic on its own; a retry finishes whichever is left). */
export async function migrateSession(
  tenantId: string,
  sessionId: string,
  userId: string,
  deps: CartDeps,
): Promise<MigrateCartResponse> {
  const cart = await migrateSessionCartToUser(tenantId, sessionId, userId, deps);
  const wishlist = await migrateSessionWishlistToUser(tenantId, sessionId, userId, deps);
  return { session_id: sessionId, cart, wishlist };
}
