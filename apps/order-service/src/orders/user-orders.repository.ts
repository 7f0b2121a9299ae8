import { type mongo } from 'mongoose';
import { isDuplicateKey, mongoCall } from '../db/mongo-call';

/** The ids of one customer's orders in one shop, in the order they were placed. */
export interface UserOrdersDoc {
  _id: string;
  ids: string[];
}

interface BackfillDoc {
  _id: string;
  done_at: Date;
}

const BACKFILL = 'user_orders';
const keyOf = (tenantId: string, userId: string) => `${tenantId}/${userId}`;

/**
 * Each customer's orders by id (the `user_orders` collection): an id is added before its order is
 * written, so a listing reads one document and then each order by `_id`. A search of `orders` by
 * customer reads every order of every shop on FerretDB, which can narrow a search by `_id` only.
 * An id whose order was never written (a crash between the two writes) or was removed is skipped; an
 * abandoned order removed to free its Idempotency-Key comes back under the same id.
 */
export class UserOrdersRepository {
  private readonly col: mongo.Collection<UserOrdersDoc>;
  private readonly backfills: mongo.Collection<BackfillDoc>;
  private readonly orders: mongo.Collection<{ _id: string; tenant_id: string; user_id: string }>;

  constructor(database: mongo.Db) {
    this.col = database.collection<UserOrdersDoc>('user_orders');
    this.backfills = database.collection<BackfillDoc>('backfills');
    this.orders = database.collection('orders');
  }

  add(tenantId: string, userId: string, orderId: string): Promise<void> {
    return this.addAll(keyOf(tenantId, userId), [orderId]);
  }

  async ids(tenantId: string, userId: string): Promise<string[]> {
    const doc = await mongoCall(() => this.col.findOne({ _id: keyOf(tenantId, userId) }));
    return doc?.ids ?? [];
  }

  /**
   * Lists the orders placed before this list existed, once per database: one search of `orders`, then
   * each customer's ids added (adding twice changes nothing, so replicas starting together may both run it).
   */
  async backfill(): Promise<number> {
    if (await mongoCall(() => this.backfills.findOne({ _id: BACKFILL }))) return 0;
    const byUser = new Map<string, string[]>();
    const all = this.orders.find({}, { projection: { _id: 1, tenant_id: 1, user_id: 1 } });
    await mongoCall(async () => {
      for await (const o of all) {
        const key = keyOf(o.tenant_id, o.user_id);
        if (!byUser.has(key)) byUser.set(key, []);
        byUser.get(key)!.push(o._id);
      }
    });
    for (const [key, ids] of byUser) await this.addAll(key, ids);
    await mongoCall(() => this.backfills.insertOne({ _id: BACKFILL, done_at: new Date() })).catch((err) =>
      isDuplicateKey(err) ? undefined : Promise.reject(err),
    );
    return byUser.size;
  }

  private async addAll(key: string, ids: string[]): Promise<void> {
    const write = () =>
      this.col.updateOne({ _id: key }, { $addToSet: { ids: { $each: ids } } }, { upsert: true });
    // two first upserts of one customer's document may race: the loser's retry finds it
    await mongoCall(() => write().catch((err) => (isDuplicateKey(err) ? write() : Promise.reject(err))));
  }
}
