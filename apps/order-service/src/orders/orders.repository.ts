import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { MongoOutbox, withEvents, type MongoWrite } from '@platform/messaging';
import { type mongo } from 'mongoose';
import { mongoCall, isDuplicateKey } from '../db/mongo-call';
import { OpenOrdersRepository } from './open-orders.repository';
import { type OrderDoc, type StoredStatus } from './order-document';
import { UserOrdersRepository } from './user-orders.repository';

export type Changes = Partial<Omit<OrderDoc, '_id' | 'tenant_id' | 'status'>>;
/** The states that leave an order stock to give back (until `stock_released`). */
export const TERMINAL: StoredStatus[] = ['failed', 'expired', 'cancelled', 'abandoned'];
// the document without its outbox and inbox bookkeeping
const PROJECTION = { outbox: 0, outbox_parked: 0, processed_events: 0 };

// never shown at the API (order-document.ts)
const HIDDEN: StoredStatus[] = ['reserving', 'abandoned'];
// orders read by _id at once when listing a customer's
const READ_AT_ONCE = 20;

const withoutBookkeeping = (doc: OrderDoc & Record<string, unknown>): OrderDoc => {
  const { outbox: _o, outbox_parked: _p, processed_events: _e, ...rest } = doc;
  return rest as OrderDoc;
};

/**
 * The only code that knows how orders are stored (the `orders` collection, FerretDB or MongoDB). A write
 * with events hints the outbox relay to its document (MongoOutbox.hint) once it is done. An order goes
 * on the list of open orders (`open`, for the sweeper) before it is created and before every move to a
 * state that gives stock back, so a crash right after the write still leaves it on the list; payment
 * takes it off. Its id is added to its customer's list (`user_orders`) before it is written, too.
 */
export class OrdersRepository {
  private readonly col: mongo.Collection<OrderDoc>;
  private readonly outbox: MongoOutbox;
  readonly open: OpenOrdersRepository;
  private readonly byUser: UserOrdersRepository;

  constructor(database: mongo.Db) {
    this.col = database.collection<OrderDoc>('orders');
    this.outbox = new MongoOutbox(database);
    this.open = new OpenOrdersRepository(database);
    this.byUser = new UserOrdersRepository(database);
  }

  async ensureIndexes(): Promise<void> {
    await mongoCall(async () => {
      // the same Idempotency-Key of a shop names one order
      await this.col.createIndex({ tenant_id: 1, idem: 1 }, { unique: true });
      await this.col.createIndex({ status: 1, expires_at: 1 });
      await this.col.createIndex({ status: 1, stock_released: 1 });
    });
    await this.open.ensureIndexes();
    await this.byUser.backfill();
  }

  /** false when an order with the same idempotency key exists already. */
  async insert(doc: OrderDoc): Promise<boolean> {
    await this.open.open(doc._id);
    await this.byUser.add(doc.tenant_id, doc.user_id, doc._id);
    try {
      await mongoCall(() => this.col.insertOne(doc));
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  find(tenantId: string, id: string): Promise<OrderDoc | null> {
    return mongoCall(() => this.col.findOne({ _id: id, tenant_id: tenantId }, { projection: PROJECTION }));
  }

  /** For callers without a tenant (a service token, an event without one). */
  findAnyTenant(id: string): Promise<OrderDoc | null> {
    return mongoCall(() => this.col.findOne({ _id: id }, { projection: PROJECTION }));
  }

  /** A search of the whole collection on FerretDB: only for keys of orders made before ids came from keys. */
  findByIdempotencyKey(tenantId: string, idem: string): Promise<OrderDoc | null> {
    return mongoCall(() => this.col.findOne({ tenant_id: tenantId, idem }, { projection: PROJECTION }));
  }

  /** A customer's orders, newest first: their ids from `user_orders`, then each order by `_id`. */
  async listByUser(
    tenantId: string,
    userId: string,
    q: { status?: string; limit: number; offset: number },
  ): Promise<{ orders: OrderDoc[]; total: number }> {
    const ids = await this.byUser.ids(tenantId, userId);
    const found: OrderDoc[] = [];
    for (let i = 0; i < ids.length; i += READ_AT_ONCE) {
      const read = ids.slice(i, i + READ_AT_ONCE).map((id) => this.find(tenantId, id));
      for (const doc of await Promise.all(read)) if (doc && doc.user_id === userId) found.push(doc);
    }
    const shown = found
      .filter((o) => (q.status ? o.status === q.status : !HIDDEN.includes(o.status)))
      .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a._id < b._id ? -1 : 1));
    return { orders: shown.slice(q.offset, q.offset + q.limit), total: shown.length };
  }

  /** Removes an abandoned order whose stock is back (its Idempotency-Key makes a new one); false if not so. */
  async removeAbandoned(id: string): Promise<boolean> {
    const res = await mongoCall(() =>
      this.col.deleteOne({ _id: id, status: 'abandoned', stock_released: true }),
    );
    return res.deletedCount === 1;
  }

  /** Records a reservation; false if the order left `reserving` meanwhile (the sweeper abandoned it). */
  async markReserved(id: string, productId: string): Promise<boolean> {
    const res = await mongoCall(() =>
      this.col.updateOne({ _id: id, status: 'reserving' }, { $addToSet: { reserved: productId } }),
    );
    return res.matchedCount === 1;
  }

  /**
   * One conditional write from `from` to `to` with its events (withEvents): only the writer that still
   * sees `from` wins. The new document, or null when the order was not in `from`.
   */
  async transition(
    id: string,
    from: StoredStatus,
    to: StoredStatus,
    changes: Changes,
    events: EventEnvelope[],
  ): Promise<OrderDoc | null> {
    const update = withEvents(
      { $set: { ...changes, status: to, updated_at: changes.updated_at ?? new Date() } },
      TOPICS.orderEvents,
      events,
    );
    if (TERMINAL.includes(to)) await this.open.open(id);
    // FerretDB's findAndModify takes no projection: the bookkeeping is dropped here
    const after = await mongoCall(() =>
      this.col.findOneAndUpdate({ _id: id, status: from }, update, { returnDocument: 'after' }),
    );
    if (after && events.length) await this.outbox.hint(this.col.collectionName, [id]);
    if (after && to === 'confirmed') await this.open.drop(id);
    return after && withoutBookkeeping(after);
  }

  /** The same transition, as an inbox write (the event's id is marked in the same write). */
  async transitionOnce(
    write: MongoWrite,
    id: string,
    from: StoredStatus,
    to: StoredStatus,
    changes: Changes,
    events: EventEnvelope[],
  ): Promise<boolean> {
    const update = withEvents(
      { $set: { ...changes, status: to, updated_at: new Date() } },
      TOPICS.orderEvents,
      events,
    );
    if (TERMINAL.includes(to)) await this.open.open(id);
    const done = await write(this.col, { _id: id }, update, { where: { status: from } });
    if (done && events.length) await this.outbox.hint(this.col.collectionName, [id]);
    if (done && to === 'confirmed') await this.open.drop(id);
    return done;
  }

  /** Claims the restock of one line of a paid order: only one caller ever wins it (never restocked twice). */
  async claimRelease(id: string, productId: string): Promise<boolean> {
    const res = await mongoCall(() =>
      this.col.updateOne({ _id: id, released: { $ne: productId } }, { $addToSet: { released: productId } }),
    );
    return res.modifiedCount === 1;
  }

  async markStockReleased(id: string): Promise<void> {
    await mongoCall(() => this.col.updateOne({ _id: id }, { $set: { stock_released: true } }));
  }

  /** Stores the supplier's keys on the order (kept out of every projection that feeds an event or log). */
  async storeKeys(id: string, keys: string[]): Promise<void> {
    await mongoCall(() => this.col.updateOne({ _id: id }, { $set: { fulfilment_keys: keys } }));
  }

  // The three searches of the whole collection below serve only the sweeper's full pass (OrderSweeper).

  dueForExpiry(now: Date, limit: number): Promise<OrderDoc[]> {
    return mongoCall(() =>
      this.col
        .find({ status: 'pending', expires_at: { $lt: now } }, { projection: PROJECTION })
        .limit(limit)
        .toArray(),
    );
  }

  staleReserving(before: Date, limit: number): Promise<OrderDoc[]> {
    return mongoCall(() =>
      this.col
        .find({ status: 'reserving', created_at: { $lt: before } }, { projection: PROJECTION })
        .limit(limit)
        .toArray(),
    );
  }

  /** Orders that ended without completing and may still hold stock (a release interrupted by a crash). */
  holdingStock(limit: number): Promise<OrderDoc[]> {
    return mongoCall(() =>
      this.col
        .find({ status: { $in: TERMINAL }, stock_released: false }, { projection: PROJECTION })
        .limit(limit)
        .toArray(),
    );
  }
}
