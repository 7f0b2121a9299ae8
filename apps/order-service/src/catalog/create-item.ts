import { randomUUID } from 'node:crypto';
import { type CreateItemRequest, type ItemResponse } from '@platform/contracts';
import { type CatalogDeps } from './catalog-deps';
import { itemCreated } from './item-events';
import { toCents, type ItemRecord } from './item-record';
import { toItemResponse } from './item-view';

/** An admin or developer puts an item in the shop; they own it. ItemCreated tells ml-engine to embed it. */
export async function createItem(
  owner: { tenantId: string; userId: string },
  body: CreateItemRequest,
  { items, cache }: CatalogDeps,
): Promise<ItemResponse> {
  const now = new Date();
  const item: ItemRecord = {
    _id: randomUUID(),
    tenant_id: owner.tenantId,
    title: body.title,
    description: body.description,
    category: body.category,
    tags: body.tags,
    price_cents: toCents(body.price),
    currency: body.currency,
    stock: body.stock,
    owner_id: owner.userId,
    ...(body.image_url ? { image_url: body.image_url } : {}),
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  await items.insert(item, [itemCreated(item)]);
  await cache.created(item.owner_id);
  return toItemResponse(item);
}
