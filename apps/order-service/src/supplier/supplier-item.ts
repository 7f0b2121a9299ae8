import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type SupplierProduct } from '@platform/contracts';
import { itemChanged, itemCreated, itemDeleted } from '../catalog/item-events';
import { type ItemDoc } from '../catalog/item.model';
import { toCents, type ItemRecord } from '../catalog/item-record';
import { type SyncWrite } from './supplier-items.repository';

/** The shop's price: the supplier's plus 2%, in cents, rounded half up to a whole cent (12.50 → 12.75). */
export const markedUpCents = (supplierPrice: number): number =>
  Math.round((toCents(supplierPrice) * 102) / 100);

/** Genres and platforms are the supplier's `genre:<x>` and `platform:<x>` tags (kept only with relationships). */
export const isGenre = (tag: string) => tag.startsWith('genre:');
export const isPlatform = (tag: string) => tag.startsWith('platform:');

const FIELDS = ['title', 'description', 'category', 'tags', 'price_cents', 'currency', 'stock'] as const;

/**
 * What syncing `product` does to the tenant's item: insert it, update the fields that differ (or bring a
 * delisted item back), or only note the sync time. Each write carries its events.
 */
export function syncWrite(
  p: SupplierProduct,
  found: ItemRecord | undefined,
  ctx: { tenantId: string; ownerId: string; now: Date; includeRelationships: boolean },
): SyncWrite {
  // an empty tag list can come back from the store without the field
  const existing = found && { ...found, tags: found.tags ?? [] };
  const supplier = { product_id: p.product_id, synced_at: ctx.now };
  const fields = {
    title: p.name,
    description: p.description,
    category: p.category,
    tags: ctx.includeRelationships ? p.tags : (existing?.tags ?? []),
    price_cents: markedUpCents(p.price),
    currency: p.currency,
    stock: p.stock,
  };
  if (!existing) {
    const doc: ItemRecord = {
      _id: randomUUID(),
      tenant_id: ctx.tenantId,
      ...fields,
      owner_id: ctx.ownerId,
      supplier,
      deleted_at: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    return { kind: 'insert', productId: p.product_id, doc, events: [itemCreated(doc)] };
  }
  const changed = FIELDS.filter((k) => JSON.stringify(existing[k]) !== JSON.stringify(fields[k]));
  const relisted = !!existing.deleted_at;
  if (!changed.length && !relisted)
    return { kind: 'touch', productId: p.product_id, id: existing._id, syncedAt: ctx.now };
  const after: ItemRecord = { ...existing, ...fields, supplier, deleted_at: null, updated_at: ctx.now };
  const set: Partial<ItemDoc> = { ...fields, supplier, deleted_at: null, updated_at: ctx.now };
  return {
    kind: 'update',
    productId: p.product_id,
    from: existing,
    set,
    events: updateEvents(existing, after, changed, relisted),
  };
}

function updateEvents(
  before: ItemRecord,
  after: ItemRecord,
  changed: string[],
  relisted: boolean,
): EventEnvelope[] {
  // a delisted item that comes back is new again to consumers (they dropped it on ItemDeleted)
  return relisted ? [itemCreated(after)] : itemChanged(before, after, changed, 'supplier_sync');
}

export const deletedEvent = itemDeleted;
