import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { MongoOutbox, withEvents } from '@platform/messaging';
import { type AnyBulkWriteOperation, type Connection } from 'mongoose';
import { mongoCall } from '../db/mongo-call';
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
 * Supplier sync's reads and writes of the `items` collection (the catalog's document); each item write
 * carries its events in the same single-document write, then hints the outbox relay to the documents
 * written (MongoOutbox.hint).
 */
export class SupplierItemsRepository {
  private readonly model: ItemModel;
  private readonly outbox: MongoOutbox;

  constructor(conn: Connection) {
    this.model = itemModel(conn);
    this.outbox = new MongoOutbox(conn);
  }

  private hint(ids: string[]): Promise<void> {
    return this.outbox.hint(this.model.collection.collectionName, ids);
  }

  /** The tenant's live item `id` (null when unknown, deleted or of another tenant). */
  findLive(tenantId: string, id: string): Promise<ItemRecord | null> {
    return mongoCall(() =>
      this.model
        .findOne({ _id: id, tenant_id: tenantId, deleted_at: null }, PROJECTION)
        .lean<ItemRecord>()
        .exec(),
    );
  }

  /** The tenant's items of these supplier products, deleted ones too (a relisted product comes back). */
  bySupplierIds(tenantId: string, productIds: string[]): Promise<ItemRecord[]> {
    return mongoCall(() =>
      this.model
        .find({ tenant_id: tenantId, 'supplier.product_id': { $in: productIds } }, PROJECTION)
        .lean<ItemRecord[]>()
        .exec(),
    );
  }

  /** The categories and tags the tenant's live items use now. */
  async vocabulary(tenantId: string): Promise<{ categories: Set<string>; tags: Set<string> }> {
    const filter = { tenant_id: tenantId, deleted_at: null };
    const [categories, tags] = await mongoCall(() =>
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
    return mongoCall(() => this.model.find(filter, PROJECTION).lean<ItemRecord[]>().exec());
  }

  /**
   * New items in one unordered bulkWrite (upserts that only insert); changed items one conditional
   * write each (on the item as read, so one that an order moved meanwhile is reported, not overwritten);
   * unchanged items get their sync time in one updateMany, without events.
   */
  async applyBatch(writes: SyncWrite[]): Promise<BatchOutcome> {
    const failed: BatchOutcome['failed'] = [];
    const inserts = writes.filter((w) => w.kind === 'insert');
    if (inserts.length) {
      try {
        await mongoCall(() =>
          this.model.bulkWrite(
            inserts.map((w) => this.insertOp(w)),
            { ordered: false },
          ),
        );
      } catch (err) {
        const writeErrors = (err as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
        if (!writeErrors) throw err;
        for (const e of writeErrors)
          failed.push({
            productId: inserts[e.index].productId,
            error: e.code === 11000 ? 'duplicate item' : 'write failed',
          });
      }
      // the refused ones too: a hint of a document without events is dropped by the relay
      await this.hint(inserts.map((w) => w.doc._id));
    }
    for (const w of writes) {
      if (w.kind !== 'update') continue;
      const res = await mongoCall(() =>
        this.model.updateOne(
          {
            _id: w.from._id,
            tenant_id: w.from.tenant_id,
            updated_at: w.from.updated_at,
            stock: w.from.stock,
          },
          withEvents({ $set: w.set }, TOPICS.itemEvents, w.events),
        ),
      );
      if (res.matchedCount === 1) await this.hint([w.from._id]);
      else failed.push({ productId: w.productId, error: 'the item changed during the sync; sync it again' });
    }
    const touched = writes.flatMap((w) => (w.kind === 'touch' ? [w] : []));
    if (touched.length)
      await mongoCall(() =>
        this.model.updateMany(
          { _id: { $in: touched.map((t) => t.id) } },
          { $set: { 'supplier.synced_at': touched[0].syncedAt } },
        ),
      );
    return { failed };
  }

  /** Soft-deletes the items with their ItemDeleted events; how many were deleted. */
  async softDelete(items: { item: ItemRecord; event: EventEnvelope }[], at: Date): Promise<number> {
    if (!items.length) return 0;
    const res = await mongoCall(() =>
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
    await this.hint(items.map(({ item }) => item._id));
    return res.modifiedCount;
  }

  // an upsert on a new uuid only inserts (withEvents is an update); the unique supplier index refuses
  // a second item for the product
  private insertOp(w: Extract<SyncWrite, { kind: 'insert' }>): AnyBulkWriteOperation<ItemDoc> {
    return {
      updateOne: {
        filter: { _id: w.doc._id },
        update: withEvents({ $setOnInsert: w.doc }, TOPICS.itemEvents, w.events),
        upsert: true,
      },
    };
  }
}
