import { type ItemsRepository } from '../catalog/items.repository';
import { type CatalogPort } from './order-ports';

/** Orders' view of the catalog: prices in minor units, and the catalog's atomic stock moves. */
export const catalogPort = (items: ItemsRepository): CatalogPort => ({
  items: async (tenantId, ids) =>
    (await items.findItems(tenantId, ids)).map((i) => ({
      id: i._id,
      name: i.title,
      price: i.price_cents,
      currency: i.currency,
    })),
  reserveStock: async (tenantId, itemId, quantity, orderId) => {
    const r = await items.reserveStock(tenantId, itemId, quantity, orderId);
    // null: deleted since it was priced, nothing left of it
    if (!r) return { ok: false, available: 0 };
    return r.ok ? { ok: true } : { ok: false, available: r.stock };
  },
  releaseStock: async (tenantId, itemId, quantity, orderId) => {
    await items.releaseHold(tenantId, itemId, quantity, orderId, 'order_released');
  },
  dropHold: (tenantId, itemId, orderId) => items.dropHold(tenantId, itemId, orderId),
  restock: async (tenantId, itemId, quantity, orderId) => {
    await items.restock(tenantId, itemId, quantity, orderId, 'order_cancelled');
  },
});
