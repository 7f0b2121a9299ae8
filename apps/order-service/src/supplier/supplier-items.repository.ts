import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { withEvents } from '@platform/messaging';
import { type AnyBulkWriteOperation, type Connection } from 'mongoose';
import { catalogDb } from '../catalog/catalog-db';
import { itemModel, type ItemDoc, type ItemModel } from '../catalog/item.model';
import { type ItemRecord } from '../catalog/item-record';

/** One item write of a sync batch, with the events describing it. */
export type SyncWrite =
  | { kind: 'insert'; productId: string; doc: ItemRecord; events: EventEnvelope[] }
  | { kind: 'update'; productId: string; from: ItemRecord; set: Partial<ItemDoc>; events: EventEnvelope[] }
  | { kind: 'touch'; productId: string; id: string; syncedAt: Date };

export interface BatchOutcome {
  /** Writes that did not apply, by supplier product id, with why. */
  failed: { productId: string; error: string }[];
}

const PROJECTION = { outbox: 0, outbox_parked: 0, processed_events: 0 };

/**
 * Supplier sync's reads and writes of the `items` collection (the catalog's document): a batch is one
 * unordered bulkWrite; each item write carries its events in the same single-document write.
 */
export class SupplierItemsRepository {
  private readonly model: ItemModel;

  constructor(conn: Connection) {
    this.model = itemModel(conn);
  }

  /** The tenant's live item `id` (null when unknown, deleted or of another tenant). */
  findLive(tenantId: string, id: string): Promise<ItemRecord | null> {
    return catalogDb(() =>
      this.model
        .findOne({ _id: id, tenant_id: tenantId, deleted_at: null }, PROJECTION)
        .lean<ItemRecord>()
        .exec(),
    );
  }

  /** The tenant's items of these supplier products, deleted ones too (a relisted product comes back). */
  bySupplierIds(tenantId: string, productIds: string[]): Promise<ItemRecord[]> {
    return catalogDb(() =>
      this.model
        .find({ tenant_id: tenantId, 'supplier.product_id': { $in: productIds } }, PROJECTION)
        .lean<ItemRecord[]>()
        .exec(),
    );
  }

  /** The categories and tags the tenant's live items use now. */
  async vocabulary(tenantId: string): Promise<{ categories: Set<string>; tags: Set<string> }> {
    const filter = { tenant_id: tenantId, deleted_at: null };
    const [categories, tags] = await catalogDb(() =>
      Promise.all([
        this.model.distinct('category', filter).exec(),
        this.model.distinct('tags', filter).exec(),
      ]),
    );
    return { categories: new Set(categories as string[]), tags: new Set(tags as string[]) };
  }

  /** The live supplier items in the sync's scope (a full sync removes those the supplier stopped listing). */
  liveSupplierItems(
    tenantId: string,
    scope: { productIds?: string[]; categories?: string[] },
  ): Promise<ItemRecord[]> {
    const filter: Record<string, unknown> = {
      tenant_id: tenantId,
      deleted_at: null,
      supplier: { $exists: true },
    };
    if (scope.productIds) filter['supplier.product_id'] = { $in: scope.productIds };
    if (scope.categories) filter.category = { $in: scope.categories };
    return catalogDb(() => this.model.find(filter, PROJECTION).lean<ItemRecord[]>().exec());
  }

  async applyBatch(writes: SyncWrite[]): Promise<BatchOutcome> {
    if (!writes.length) return { failed: [] };
    const ops = writes.map((w) => this.operation(w));
    const failed: BatchOutcome['failed'] = [];
    try {
      await catalogDb(() => this.model.bulkWrite(ops, { ordered: false }));
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { index: number; errmsg?: string; code?: number }[] })
        .writeErrors;
      if (!writeErrors) throw err;
      for (const e of writeErrors)
        failed.push({
          productId: writes[e.index].productId,
          error: e.code === 11000 ? 'duplicate item' : 'write failed',
        });
    }
    // an update is conditional on the item as read: one that missed lost a race (an order moved stock)
    const updates = writes.filter((w) => w.kind === 'update');
    if (updates.length) {
      const now = await catalogDb(() =>
        this.model
          .find({ _id: { $in: updates.map((u) => u.from._id) } }, { updated_at: 1 })
          .lean<{ _id: string; updated_at: Date }[]>()
          .exec(),
      );
      const at = new Map(now.map((d) => [d._id, d.updated_at.getTime()]));
      for (const u of updates)
        if (
          at.get(u.from._id) !== u.set.updated_at?.getTime() &&
          !failed.some((f) => f.productId === u.productId)
        )
          failed.push({ productId: u.productId, error: 'the item changed during the sync; sync it again' });
    }
    return { failed };
  }

  /** Soft-deletes the items with their ItemDeleted events; how many were deleted. */
  async softDelete(items: { item: ItemRecord; event: EventEnvelope }[], at: Date): Promise<number> {
    if (!items.length) return 0;
    const res = await catalogDb(() =>
      this.model.bulkWrite(
        items.map(({ item, event }) => ({
          updateOne: {
            filter: { _id: item._id, tenant_id: item.tenant_id, deleted_at: null },
            update: withEvents({ $set: { deleted_at: at, updated_at: at } }, TOPICS.itemEvents, [event]),
          },
        })),
        { ordered: false },
      ),
    );
    return res.modifiedCount;
  }

  private operation(w: SyncWrite): AnyBulkWriteOperation<ItemDoc> {
    switch (w.kind) {
      case 'insert':
        // an upsert on a new uuid only inserts (withEvents is an update); the unique supplier index
        // refuses a second item for the product
        return {
          updateOne: {
            filter: { _id: w.doc._id },
            update: withEvents({ $setOnInsert: w.doc }, TOPICS.itemEvents, w.events),
            upsert: true,
          },
        };
      case 'update':
        return {
          updateOne: {
            filter: {
              _id: w.from._id,
              tenant_id: w.from.tenant_id,
              updated_at: w.from.updated_at,
              stock: w.from.stock,
            },
            update: withEvents({ $set: w.set }, TOPICS.itemEvents, w.events),
          },
        };
      case 'touch':
        return {
          updateOne: { filter: { _id: w.id }, update: { $set: { 'supplier.synced_at': w.syncedAt } } },
        };
    }
  }
}
