import { type ItemFeatures } from '@platform/contracts';
import { AppError } from '@platform/service-kit';
import { type PoolClient } from 'pg';
import { type ItemChange } from '../model-space';
import { encodeContent } from './content-encoder';
import { type ContentCatalog } from './content-catalog';
import { itemsRepository as repo } from './items.repository';

/** An item as an event describes it, whichever producer sent it. */
export interface ItemFacts {
  itemId: string;
  features: ItemFeatures;
  createdAt: string;
  changedAt: string;
}

/** The event's tenant: an item event without one belongs to nobody and goes to the DLQ. */
export function tenantOfEvent(event: { tenant_id?: string }): string {
  const t = event.tenant_id;
  if (!t || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t))
    throw new AppError({
      code: 'VALIDATION_ERROR',
      status: 400,
      message: 'Item event without a tenant_id (uuid)',
    });
  return t;
}

/**
 * An item created, updated or ingested: embedded in the tenant's dimension and written in the inbox's
 * transaction. The change to apply in memory once it commits, or undefined when a later deletion stands.
 */
export async function upsertItem(
  catalog: ContentCatalog,
  tx: PoolClient,
  tenantId: string,
  item: ItemFacts,
): Promise<ItemChange | undefined> {
  const content = encodeContent(item.features, await catalog.dimension(tenantId));
  const info = await repo.upsert(tx, tenantId, {
    itemId: item.itemId,
    title: item.features.title,
    description: item.features.description,
    category: item.features.category,
    tags: item.features.tags ?? [],
    vector: content,
    createdAt: item.createdAt,
    changedAt: item.changedAt,
  });
  return info ? { kind: 'upsert', info, content } : undefined;
}

/** An item deleted: marked in the transaction, and out of the indexes once it commits. */
export async function deleteItem(
  tx: PoolClient,
  tenantId: string,
  itemId: string,
  deletedAt: string,
): Promise<ItemChange | undefined> {
  return (await repo.delete(tx, tenantId, itemId, deletedAt)) ? { kind: 'delete', itemId } : undefined;
}
