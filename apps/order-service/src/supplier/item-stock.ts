import { type ItemStockResponse } from '@platform/contracts';
import { OrderErrors } from '../errors';
import { type SupplierDeps } from './supplier-deps';

/** Seed 003: the supplier's answer is kept 5 minutes. */
export const STOCK_TTL_SECONDS = 300;

/**
 * Seed 003 validateGameStock: the supplier's stock of a supplier item, cached under
 * `supplier:stock:{product_id}`. 404 for an item that is not a supplier item or that the supplier does
 * not list; the supplier down or its breaker open is a 503 from the client.
 */
export async function itemStock(
  tenantId: string,
  itemId: string,
  deps: SupplierDeps,
): Promise<ItemStockResponse> {
  const item = await deps.items.findLive(tenantId, itemId);
  if (!item) throw OrderErrors.itemNotFound(itemId);
  const productId = item.supplier?.product_id;
  if (!productId) throw OrderErrors.supplierProductNotFound(itemId);
  const stock = await deps.cache.readThrough(`supplier:stock:${productId}`, STOCK_TTL_SECONDS, () =>
    deps.supplier.stock(productId),
  );
  if (!stock) throw OrderErrors.supplierProductNotFound(itemId);
  return { available: stock.available, stock: stock.stock };
}
