import { type OrderDeps } from './order-deps';
import { type OrderDoc } from './order-document';

/**
 * Gives back what an order that did not complete holds: each reserved line's stock, then its promo
 * use, then marks it `stock_released`. Safe to run twice and from two processes (the request that
 * failed the order and the sweeper): each line's release is claimed on the order first (`released`),
 * so only one caller releases it; the promo release is per order and idempotent. A process that dies
 * midway leaves `stock_released: false`, which the sweeper finds and finishes. A death between a
 * line's claim and its release loses that line's units (they stay reserved): the safe side, as
 * releasing twice would sell stock that does not exist.
 */
export async function releaseHeldStock(
  order: OrderDoc,
  deps: Pick<OrderDeps, 'orders' | 'catalog' | 'promos' | 'logger'>,
): Promise<void> {
  for (const line of order.lines) {
    if (!order.reserved.includes(line.product_id)) continue;
    if (await deps.orders.claimRelease(order._id, line.product_id))
      await deps.catalog.releaseStock(order.tenant_id, line.product_id, line.quantity);
  }
  if (order.promo_code) await deps.promos.release(order.tenant_id, order.promo_code, order._id);
  await deps.orders.markStockReleased(order._id);
  deps.logger.info('order stock released', { order_id: order._id, status: order.status });
}
