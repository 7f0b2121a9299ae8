import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { createEvent, MongoOutbox, withEvents } from '@platform/messaging';
import { type Connection } from 'mongoose';
import { mongoCall } from '../db/mongo-call';
import { itemModel, type ItemDoc, type ItemModel } from './item.model';
import { fromCents, type ItemQuery, type ItemRecord } from './item-record';

export type { ItemRecord } from './item-record';
export type StockResult = { ok: true; stock: number } | { ok: false; stock: number };

// the document without its outbox, inbox and stock-hold bookkeeping
const PROJECTION = { outbox: 0, outbox_parked: 0, processed_events: 0, holds: 0 };
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The only code that knows how items are stored (the `items` collection). Every write that changes
 * what consumers know carries its events (withEvents), in that same single-document write, and then
 * hints the outbox relay to that document (MongoOutbox.hint).
 */
export class ItemsRepository {
  readonly model: ItemModel;
  private readonly outbox: MongoOutbox;

  /** `stockChanged`: after a reservation, release or restock moved an item's stock (the catalog drops its cache). */
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
   * Takes `qty` off the item's stock for `holder` (an order) if that many are left, and records the
   * hold on the item in that same write: one conditional write (`stock >= qty`, no hold of `holder`
   * yet; `$inc` and `$push`), so no concurrency ever takes the stock below zero, no reservation waits for
   * another, and a retry after an answer lost in a database restart finds its hold instead of taking the
   * units twice. `stock` in the answer is read right after (what is left now, or what was short).
   * null when the item does not exist in this tenant (or is deleted).
   */
  async reserveStock(
    tenantId: string,
    itemId: string,
    qty: number,
    holder: string,
  ): Promise<StockResult | null> {
    const live = { _id: itemId, tenant_id: tenantId, deleted_at: null };
    for (;;) {
      const res = await this.moveStock(
        { ...live, stock: { $gte: qty }, holds: { $ne: holder } },
        { $inc: { stock: -qty }, $push: { holds: holder } },
        stockChanged(tenantId, itemId, -qty, 'order'),
      );
      const item = await this.stockOf(live);
      if (!item) return null;
      if (res) {
        await this.hooks.stockChanged?.(itemId, item.owner_id);
        return { ok: true, stock: item.stock };
      }
      // an earlier attempt for the same holder did it (its answer was lost): reserved once, as asked
      if (await this.holds(itemId, holder)) return { ok: true, stock: item.stock };
      // refused, yet enough now: an owner raised the stock between the write and the read; try again
      if (item.stock < qty) return { ok: false, stock: item.stock };
    }
  }

  /**
   * Gives `holder`'s `qty` back (its order failed, expired or was abandoned) and drops its hold, in one
   * write conditional on the hold: safe to run twice, from two processes, after a lost answer, and
   * for a line that was never reserved (nothing happens). The new stock, null if nothing was held.
   */
  async releaseHold(tenantId: string, itemId: string, qty: number, holder: string, reason: string) {
    const held = { _id: itemId, tenant_id: tenantId, holds: holder };
    const moved = await this.moveStock(
      held,
      { $inc: { stock: qty }, $pull: { holds: holder } },
      stockChanged(tenantId, itemId, qty, reason),
    );
    return moved ? this.afterMove(itemId, tenantId) : null;
  }

  /** `holder`'s units are sold (its order was paid): the hold goes, the stock stays as it is. */
  async dropHold(tenantId: string, itemId: string, holder: string): Promise<void> {
    await mongoCall(() =>
      this.model.updateOne({ _id: itemId, tenant_id: tenantId, holds: holder }, { $pull: { holds: holder } }),
    );
  }

  /**
   * Puts `qty` sold units back on sale (a paid order was cancelled); the caller makes sure it happens
   * once (the order claims each line first). The new stock, null if the item is gone.
   */
  async restock(tenantId: string, itemId: string, qty: number, holder: string, reason: string) {
    const moved = await this.moveStock(
      { _id: itemId, tenant_id: tenantId, deleted_at: null },
      // a hold its confirmation could not drop goes too
      { $inc: { stock: qty }, $pull: { holds: holder } },
      stockChanged(tenantId, itemId, qty, reason),
    );
    return moved ? this.afterMove(itemId, tenantId) : null;
  }

  /** One conditional stock write with its event; true when it applied (and the relay was hinted). */
  private async moveStock(filter: object, update: Record<string, unknown>, event: EventEnvelope) {
    const res = await mongoCall(() =>
      this.model.updateOne(filter, withEvents(update, TOPICS.itemEvents, [event])),
    );
    if (res.matchedCount === 1) await this.hint([String((filter as { _id: string })._id)]);
    return res.matchedCount === 1;
  }

  private stockOf(filter: object) {
    return mongoCall(() =>
      this.model
        .findOne(filter, { stock: 1, owner_id: 1 })
        .lean<{ stock: number; owner_id: string }>()
        .exec(),
    );
  }

  private async holds(itemId: string, holder: string): Promise<boolean> {
    return (await mongoCall(() => this.model.countDocuments({ _id: itemId, holds: holder }).exec())) > 0;
  }

  private async afterMove(itemId: string, tenantId: string): Promise<number | null> {
    const item = await this.stockOf({ _id: itemId, tenant_id: tenantId });
    if (item) await this.hooks.stockChanged?.(itemId, item.owner_id);
    return item ? item.stock : null;
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

// the event carries the move, not the stock after it: a conditional $inc cannot know that
const stockChanged = (tenantId: string, itemId: string, delta: number, reason: string) =>
  createEvent('StockChanged', { aggregateId: itemId, tenantId, data: { item_id: itemId, delta, reason } });

export const priceOf = (item: Pick<ItemRecord, 'price_cents'>): number => fromCents(item.price_cents);
