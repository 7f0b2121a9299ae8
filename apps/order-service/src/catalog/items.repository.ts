import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { createEvent, MongoOutbox, withEvents } from '@platform/messaging';
import { type Connection } from 'mongoose';
import { mongoCall } from '../db/mongo-call';
import { itemModel, type ItemDoc, type ItemModel } from './item.model';
import { fromCents, type ItemQuery, type ItemRecord } from './item-record';

export type { ItemRecord } from './item-record';
export type StockResult = { ok: true; stock: number } | { ok: false; stock: number };

// the document without its outbox and inbox bookkeeping
const PROJECTION = { outbox: 0, outbox_parked: 0, processed_events: 0 };
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The only code that knows how items are stored (the `items` collection). Every write that changes
 * what consumers know carries its events (withEvents), in that same single-document write, and then
 * hints the outbox relay to that document (MongoOutbox.hint).
 */
export class ItemsRepository {
  readonly model: ItemModel;
  private readonly outbox: MongoOutbox;

  /** `stockChanged`: after reserveStock/releaseStock moved an item's stock (the catalog drops its cache). */
  constructor(
    conn: Connection,
    private readonly hooks: { stockChanged?: (itemId: string, ownerId: string) => Promise<void> } = {},
  ) {
    this.model = itemModel(conn);
    this.outbox = new MongoOutbox(conn);
  }

  private hint(ids: string[]): Promise<void> {
    return this.outbox.hint(this.model.collection.collectionName, ids);
  }

  ensureIndexes(): Promise<unknown> {
    return mongoCall(() => this.model.createIndexes());
  }

  /** Inserts the item with its events (an upsert that only inserts: withEvents is an update). */
  async insert(doc: ItemRecord, events: EventEnvelope[]): Promise<void> {
    await mongoCall(() =>
      this.model.updateOne({ _id: doc._id }, withEvents({ $setOnInsert: doc }, TOPICS.itemEvents, events), {
        upsert: true,
      }),
    );
    if (events.length) await this.hint([doc._id]);
  }

  findItem(tenantId: string, id: string): Promise<ItemRecord | null> {
    return mongoCall(() =>
      this.model
        .findOne({ _id: id, tenant_id: tenantId, deleted_at: null }, PROJECTION)
        .lean<ItemRecord>()
        .exec(),
    );
  }

  /** The tenant's live items among `ids`; unknown and deleted ids are left out. */
  findItems(tenantId: string, ids: string[]): Promise<ItemRecord[]> {
    if (!ids.length) return Promise.resolve([]);
    return mongoCall(() =>
      this.model
        .find({ _id: { $in: ids }, tenant_id: tenantId, deleted_at: null }, PROJECTION)
        .lean<ItemRecord[]>()
        .exec(),
    );
  }

  /** Newest first. `q`: a case-insensitive match in title, description or a tag (FerretDB has no text index). */
  list(tenantId: string, query: ItemQuery): Promise<ItemRecord[]> {
    const filter: Record<string, unknown> = { tenant_id: tenantId, deleted_at: null };
    if (query.owner_id) filter.owner_id = query.owner_id;
    if (query.category) filter.category = query.category;
    if (query.q) {
      const match = { $regex: escapeRegex(query.q), $options: 'i' };
      filter.$or = [{ title: match }, { description: match }, { tags: match }];
    }
    return mongoCall(() =>
      this.model
        .find(filter, PROJECTION)
        .sort({ created_at: -1, _id: 1 })
        .skip(query.offset)
        .limit(query.limit)
        .lean<ItemRecord[]>()
        .exec(),
    );
  }

  /**
   * Replaces the fields of `from` with `set` if the item is still exactly as read (same updated_at and
   * stock), with the events describing the change; false when another writer got there first.
   */
  async replaceIfUnchanged(
    from: ItemRecord,
    update: { $set: Partial<ItemDoc>; $unset?: Record<string, ''> },
    events: EventEnvelope[],
  ): Promise<boolean> {
    const res = await mongoCall(() =>
      this.model.updateOne(
        {
          _id: from._id,
          tenant_id: from.tenant_id,
          deleted_at: null,
          updated_at: from.updated_at,
          stock: from.stock,
        },
        withEvents(update, TOPICS.itemEvents, events),
      ),
    );
    if (res.matchedCount === 1 && events.length) await this.hint([from._id]);
    return res.matchedCount === 1;
  }

  /**
   * Takes `qty` off the item's stock if that many are left: one conditional write (`stock >= qty`,
   * `$inc`), so no concurrency ever takes it below zero and no reservation waits for another to
   * retry. `stock` in the answer is read right after (what is left now, or what was short).
   * null when the item does not exist in this tenant (or is deleted).
   */
  async reserveStock(tenantId: string, itemId: string, qty: number): Promise<StockResult | null> {
    return this.moveStock(tenantId, itemId, -qty, 'order');
  }

  /** Gives `qty` back (an order failed, expired or was cancelled); the new stock, null if the item is gone. */
  async releaseStock(tenantId: string, itemId: string, qty: number, reason: string): Promise<number | null> {
    const res = await this.moveStock(tenantId, itemId, qty, reason);
    return res ? res.stock : null;
  }

  private async moveStock(
    tenantId: string,
    itemId: string,
    delta: number,
    reason: string,
  ): Promise<StockResult | null> {
    const live = { _id: itemId, tenant_id: tenantId, deleted_at: null };
    for (;;) {
      // the event carries the move, not the stock after it: a conditional $inc cannot know that
      const event = createEvent('StockChanged', {
        aggregateId: itemId,
        tenantId,
        data: { item_id: itemId, delta, reason },
      });
      const res = await mongoCall(() =>
        this.model.updateOne(
          delta < 0 ? { ...live, stock: { $gte: -delta } } : live,
          withEvents({ $inc: { stock: delta } }, TOPICS.itemEvents, [event]),
        ),
      );
      const item = await mongoCall(() =>
        this.model
          .findOne(live, { stock: 1, owner_id: 1 })
          .lean<{ stock: number; owner_id: string }>()
          .exec(),
      );
      if (res.matchedCount === 1) await this.hint([itemId]);
      if (!item) return null;
      if (res.matchedCount === 1) {
        await this.hooks.stockChanged?.(itemId, item.owner_id);
        return { ok: true, stock: item.stock };
      }
      // refused, yet enough now: an owner raised the stock between the write and the read; try again
      if (item.stock < -delta) return { ok: false, stock: item.stock };
    }
  }

  /** Soft delete with its event; the item as it was, or null if it was not there (or deleted already). */
  async softDelete(tenantId: string, itemId: string, event: (item: ItemRecord) => EventEnvelope) {
    const item = await this.findItem(tenantId, itemId);
    if (!item) return null;
    const res = await mongoCall(() =>
      this.model.updateOne(
        { _id: itemId, tenant_id: tenantId, deleted_at: null },
        withEvents({ $set: { deleted_at: new Date() } }, TOPICS.itemEvents, [event(item)]),
      ),
    );
    if (res.matchedCount === 1) await this.hint([itemId]);
    return res.matchedCount === 1 ? item : null;
  }
}

export const priceOf = (item: Pick<ItemRecord, 'price_cents'>): number => fromCents(item.price_cents);
