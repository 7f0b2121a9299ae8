import { type ItemResponse, type UpdateItemRequest } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { OrderErrors } from '../errors';
import { type SignedInUser } from '../http/visitor';
import { type CatalogDeps } from './catalog-deps';
import { itemChanged, itemDeleted } from './item-events';
import { type ItemDoc } from './item.model';
import { toCents, type ItemRecord } from './item-record';
import { toItemResponse } from './item-view';

const MAX_ATTEMPTS = 20;

/**
 * The item, if the caller may change it: an admin of the tenant, or its owner while still an admin or a
 * developer (a developer made a viewer keeps no rights over the items they made). Another tenant: 404.
 */
async function manageable(user: SignedInUser, id: string, { items }: CatalogDeps): Promise<ItemRecord> {
  const item = await items.findItem(user.tenantId, id);
  if (!item) throw OrderErrors.itemNotFound(id);
  if (user.role !== 'admin' && (user.role !== 'developer' || item.owner_id !== user.userId))
    throw Errors.forbidden('Only the owner of the item (a developer) or an admin changes it');
  return item;
}

/** The fields `body` changes (only those whose value differs), in stored form. */
function changesOf(item: ItemRecord, body: UpdateItemRequest): Partial<ItemDoc> {
  const { price, image_url: image, ...fields } = body;
  const wanted: Partial<ItemDoc> = { ...fields };
  if (price !== undefined) wanted.price_cents = toCents(price);
  if (image !== undefined) wanted.image_url = image ?? undefined; // null: remove the image
  const changed = Object.entries(wanted).filter(
    ([k, v]) => JSON.stringify(item[k as keyof ItemRecord]) !== JSON.stringify(v),
  );
  return Object.fromEntries(changed) as Partial<ItemDoc>;
}

/**
 * The owner (or an admin) changes an item: one conditional write on the item as read, with
 * ItemUpdated and, when they moved, ItemPriceChanged and StockChanged; retried if an order moved the
 * stock meanwhile. Nothing changed: no write, no event.
 */
export async function updateItem(
  user: SignedInUser,
  id: string,
  body: UpdateItemRequest,
  deps: CatalogDeps,
): Promise<ItemResponse> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const before = await manageable(user, id, deps);
    const set = changesOf(before, body);
    const changed = Object.keys(set);
    if (!changed.length) return toItemResponse(before);
    // strictly later than the version read: the next writer's condition tells them apart
    const updatedAt = new Date(Math.max(Date.now(), before.updated_at.getTime() + 1));
    const { image_url: image, ...fields } = set;
    const after: ItemRecord = { ...before, ...fields, updated_at: updatedAt };
    if (image) after.image_url = image;
    else if ('image_url' in set) delete after.image_url; // image_url: null removes it
    const $set = { ...fields, ...(image ? { image_url: image } : {}), updated_at: updatedAt };
    const update = 'image_url' in set && !image ? { $set, $unset: { image_url: '' as const } } : { $set };
    if (await deps.items.replaceIfUnchanged(before, update, itemChanged(before, after, changed, 'manual'))) {
      await deps.cache.changed(id, before.owner_id);
      return toItemResponse(after);
    }
  }
  throw Errors.unavailable('The item is changing too often; try again');
}

/** Soft delete by the owner or an admin; ItemDeleted; 404 once deleted. */
export async function deleteItem(user: SignedInUser, id: string, deps: CatalogDeps): Promise<void> {
  await manageable(user, id, deps);
  const deletedAt = new Date();
  const item = await deps.items.softDelete(user.tenantId, id, (it) => itemDeleted(it, deletedAt));
  if (!item) throw OrderErrors.itemNotFound(id);
  await deps.cache.changed(id, item.owner_id);
}
