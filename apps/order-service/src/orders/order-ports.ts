/** What orders need of the catalog (adapted in compose.ts from the catalog's items repository). */
export interface CatalogPort {
  /** The tenant's items among `ids` (unknown ids are left out); price in minor units. */
  items(
    tenantId: string,
    ids: string[],
  ): Promise<{ id: string; name?: string; price: number; currency: string }[]>;
  /**
   * Takes `quantity` off the item's stock for `orderId` atomically, once however often it is asked, or
   * says how many are left.
   */
  reserveStock(
    tenantId: string,
    itemId: string,
    quantity: number,
    orderId: string,
  ): Promise<{ ok: true } | { ok: false; available: number }>;
  /** Gives back what `orderId` holds of the item (nothing if it holds nothing): safe to repeat. */
  releaseStock(tenantId: string, itemId: string, quantity: number, orderId: string): Promise<void>;
  /** `orderId` was paid: its hold on the item goes, its units stay sold. */
  dropHold(tenantId: string, itemId: string, orderId: string): Promise<void>;
  /** A paid order was cancelled: its units go back on sale (the caller makes sure it happens once). */
  restock(tenantId: string, itemId: string, quantity: number, orderId: string): Promise<void>;
}

/** The signed-in user's cart, for `{"fromCart": true}` (adapted from the carts repository). */
export interface CartPort {
  lines(tenantId: string, userId: string): Promise<{ productId: string; quantity: number }[]>;
  /** Empties the cart once its order exists (best effort: the order stands even if this fails). */
  clear?(tenantId: string, userId: string): Promise<void>;
}
