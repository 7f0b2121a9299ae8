import { randomUUID } from 'node:crypto';
import { type CreateItemRequest, type ItemResponse } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { type CatalogDeps } from './catalog-deps';
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
  const event = createEvent('ItemCreated', {
    aggregateId: item._id,
    tenantId: item.tenant_id,
    data: {
      item_id: item._id,
      owner_id: item.owner_id,
      title: item.title,
      description: item.description,
      category: item.category,
      tags: item.tags,
      price: body.price,
      currency: item.currency,
      stock: item.stock,
      created_at: now.toISOString(),
    },
  });
  await items.insert(item, [event]);
  await cache.created(item.owner_id);
  return toItemResponse(item);
}
