import { type ItemListResponse, type ItemResponse, type ListItemsQuery } from '@platform/contracts';
import { OrderErrors } from '../errors';
import { type CatalogDeps } from './catalog-deps';
import { OWNER_LIST_SIZE } from './item-cache';
import { toItemResponse } from './item-view';

/** One item of the shop, through `item:{id}`; another tenant's item is a 404 like a missing one. */
export async function getItem(
  tenantId: string,
  id: string,
  { items, cache }: CatalogDeps,
): Promise<ItemResponse> {
  const item = await cache.item(tenantId, id, async () => {
    const found = await items.findItem(tenantId, id);
    return found ? toItemResponse(found) : undefined;
  });
  if (!item) throw OrderErrors.itemNotFound(id);
  return item;
}

/**
 * The shop's items, newest first. An owner's list alone (seed 000 get_items_by_owner) comes from
 * `user:{owner_id}:items`, which holds the owner's newest items; anything else from `search:{hash}`.
 */
export async function listItems(
  tenantId: string,
  query: ListItemsQuery,
  { items, cache }: CatalogDeps,
): Promise<ItemListResponse> {
  const page = { limit: query.limit, offset: query.offset };
  const byOwnerOnly = query.owner_id && !query.category && !query.q;
  if (byOwnerOnly && query.offset + query.limit <= OWNER_LIST_SIZE) {
    const ownerId = query.owner_id as string;
    const all = await cache.ownerItems(tenantId, ownerId, async () =>
      (await items.list(tenantId, { owner_id: ownerId, limit: OWNER_LIST_SIZE, offset: 0 })).map(
        toItemResponse,
      ),
    );
    return { items: (all ?? []).slice(query.offset, query.offset + query.limit), ...page };
  }
  const found = await cache.search(tenantId, query, async () => ({
    items: (await items.list(tenantId, query)).map(toItemResponse),
    ...page,
  }));
  return found ?? { items: [], ...page };
}
