/** What orders need of the catalog (adapted in compose.ts from the catalog's items repository). */
export interface CatalogPort {
  /** The tenant's items among `ids` (unknown ids are left out); price in minor units. */
  items(
    tenantId: string,
    ids: string[],
  ): Promise<{ id: string; name?: string; price: number; currency: string }[]>;
  /** Takes `quantity` off the item's stock atomically, or says how many are left. */
  reserveStock(
    tenantId: string,
    itemId: string,
    quantity: number,
  ): Promise<{ ok: true } | { ok: false; available: number }>;
  releaseStock(tenantId: string, itemId: string, quantity: number): Promise<void>;
}

/** The signed-in user's cart, for `{"fromCart": true}` (adapted from the carts repository). */
export interface CartPort {
  lines(tenantId: string, userId: string): Promise<{ productId: string; quantity: number }[]>;
  /** Empties the cart once its order exists (best effort: the order stands even if this fails). */
  clear?(tenantId: string, userId: string): Promise<void>;
}
