import { type mongo } from 'mongoose';
import { mongoCall, isDuplicateKey } from '../db/mongo-call';

/** A promo code; money in minor units. `remaining` is what conditional claims count down. */
export interface PromoDoc {
  _id: string; // `${tenant_id}:${code}`
  tenant_id: string;
  code: string;
  percent_off?: number;
  amount_off?: number;
  currency?: string;
  expires_at: Date; // far in the future when the code does not expire
  max_uses?: number;
  remaining: number; // a very large number when uses are unlimited
  uses: number;
  /** The orders holding a use: a claim or a release for one order happens at most once. */
  orders: string[];
  created_at: Date;
}

export const NEVER = new Date('9999-12-31T00:00:00Z');
export const UNLIMITED = 1e12;
const idOf = (tenantId: string, code: string) => `${tenantId}:${code}`;

/** The only code that knows how promo codes are stored. */
export class PromoCodesRepository {
  private readonly col: mongo.Collection<PromoDoc>;

  constructor(database: mongo.Db) {
    this.col = database.collection<PromoDoc>('promo_codes');
  }

  /** false when the shop has this code already. */
  async insert(doc: Omit<PromoDoc, '_id'>): Promise<boolean> {
    try {
      await mongoCall(() => this.col.insertOne({ ...doc, _id: idOf(doc.tenant_id, doc.code) }));
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  find(tenantId: string, code: string): Promise<PromoDoc | null> {
    return mongoCall(() => this.col.findOne({ _id: idOf(tenantId, code) }, { projection: { orders: 0 } }));
  }

  /** Takes one use for `orderId`, atomically (conditional $inc): false when expired or spent meanwhile. */
  async claim(tenantId: string, code: string, orderId: string, now: Date): Promise<boolean> {
    const res = await mongoCall(() =>
      this.col.updateOne(
        {
          _id: idOf(tenantId, code),
          remaining: { $gt: 0 },
          expires_at: { $gt: now },
          orders: { $ne: orderId },
        },
        { $inc: { remaining: -1, uses: 1 }, $push: { orders: orderId } },
      ),
    );
    return res.modifiedCount === 1;
  }

  /** Gives the use of `orderId` back, once; a no-op when it never held one. */
  async release(tenantId: string, code: string, orderId: string): Promise<void> {
    await mongoCall(() =>
      this.col.updateOne(
        { _id: idOf(tenantId, code), orders: orderId },
        { $inc: { remaining: 1, uses: -1 }, $pullAll: { orders: [orderId] } },
      ),
    );
  }
}
