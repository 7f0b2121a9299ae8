import { type OrderDeps } from './order-deps';
import { type OrderDoc } from './order-document';

type ReleaseDeps = Pick<OrderDeps, 'orders' | 'catalog' | 'promos' | 'logger'>;

/**
 * Gives back what an order that did not complete holds, then its promo use, then marks it
 * `stock_released`. Safe to run twice, from two processes (the request that failed the order and the
 * sweeper) and after answers lost in a database restart:
 * - an order never paid: each line's release is conditional on the order's hold on the item (taken in
 *   the reservation's own write), so it gives back exactly what was reserved, once, even a reservation
 *   whose answer never arrived;
 * - a paid order cancelled: its holds went at payment, so each line is claimed on the order first
 *   (`released`) and put back on sale once. A death between a claim and its restock loses that line's
 *   units (they stay sold): the safe side, as restocking twice would sell stock that does not exist.
 * The promo release is per order and idempotent. A process that dies midway leaves
 * `stock_released: false`, which the sweeper finds and finishes.
 */
export async function releaseHeldStock(order: OrderDoc, deps: ReleaseDeps): Promise<void> {
  for (const line of order.lines) {
    if (!order.confirmed_at)
      await deps.catalog.releaseStock(order.tenant_id, line.product_id, line.quantity, order._id);
    else if (await deps.orders.claimRelease(order._id, line.product_id))
      await deps.catalog.restock(order.tenant_id, line.product_id, line.quantity, order._id);
  }
  if (order.promo_code) await deps.promos.release(order.tenant_id, order.promo_code, order._id);
  await deps.orders.markStockReleased(order._id);
  deps.logger.info('order stock released', { order_id: order._id, status: order.status });
}

/** A paid order's units are sold: its holds on the items go (best effort; a restock drops one left). */
export async function dropHolds(order: OrderDoc, deps: ReleaseDeps): Promise<void> {
  for (const line of order.lines) await deps.catalog.dropHold(order.tenant_id, line.product_id, order._id);
}
