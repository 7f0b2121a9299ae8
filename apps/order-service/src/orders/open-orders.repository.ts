import { type mongo } from 'mongoose';
import { isDuplicateKey, mongoCall } from '../db/mongo-call';

/**
 * An order the sweeper may still have to finish, looked at from `check_at`. `n` grows with every
 * write, so the sweeper reschedules or removes the entry only if nobody wrote it since it read it.
 */
export interface OpenOrderDoc {
  _id: string;
  n: number;
  since: Date;
  check_at: Date;
}

/**
 * The list of open orders (the `open_orders` collection): written before an order is created and
 * before every move that leaves it stock to give back; removed when the order is paid, or by the
 * sweeper once nothing is left to do. The sweeper reads this short list and each order by `_id`, instead of searching `orders` (which
 * grows with every sale, and which FerretDB can only search by reading all of it).
 */
export class OpenOrdersRepository {
  private readonly col: mongo.Collection<OpenOrderDoc>;

  constructor(database: mongo.Db) {
    this.col = database.collection<OpenOrderDoc>('open_orders');
  }

  async ensureIndexes(): Promise<void> {
    await mongoCall(() => this.col.createIndex({ check_at: 1 }));
  }

  /** Puts the order on the list, to be looked at from now. */
  async open(id: string): Promise<void> {
    const now = new Date();
    const write = () =>
      this.col.updateOne(
        { _id: id },
        { $inc: { n: 1 }, $set: { check_at: now }, $setOnInsert: { since: now } },
        { upsert: true },
      );
    // two first upserts of one entry may race: the loser's retry finds it
    await mongoCall(() => write().catch((err) => (isDuplicateKey(err) ? write() : Promise.reject(err))));
  }

  /** The entries due by `now`. */
  due(now: Date, limit: number): Promise<OpenOrderDoc[]> {
    return mongoCall(() =>
      this.col
        .find({ check_at: { $lte: now } })
        .limit(limit)
        .toArray(),
    );
  }

  /** Looks at the order again from `at`, unless the entry was written since it was read. */
  async later(entry: OpenOrderDoc, at: Date): Promise<void> {
    await mongoCall(() => this.col.updateOne({ _id: entry._id, n: entry.n }, { $set: { check_at: at } }));
  }

  /** Takes a paid order off the list (it needs the sweeper no more); best effort, as the sweeper would too. */
  async drop(id: string): Promise<void> {
    await mongoCall(() => this.col.deleteOne({ _id: id })).catch(() => undefined);
  }

  /** Takes the order off the list, unless the entry was written since it was read. */
  async close(entry: OpenOrderDoc): Promise<void> {
    await mongoCall(() => this.col.deleteOne({ _id: entry._id, n: entry.n }));
  }
}
