import { type ItemResponse } from '@platform/contracts';
import { fromCents, type ItemRecord } from './item-record';

/** An item at the API (and in the cache): money as a decimal number, dates as ISO strings. */
export function toItemResponse(item: ItemRecord): ItemResponse {
  return {
    item_id: item._id,
    title: item.title,
    description: item.description,
    category: item.category,
    // an item inserted with no tags is stored without the field (the insert's upsert drops an empty array)
    tags: item.tags ?? [],
    price: fromCents(item.price_cents),
    currency: item.currency,
    stock: item.stock,
    owner_id: item.owner_id,
    ...(item.image_url ? { image_url: item.image_url } : {}),
    ...(item.supplier
      ? {
          supplier: {
            product_id: item.supplier.product_id,
            synced_at: new Date(item.supplier.synced_at).toISOString(),
          },
        }
      : {}),
    created_at: new Date(item.created_at).toISOString(),
    updated_at: new Date(item.updated_at).toISOString(),
  };
}
