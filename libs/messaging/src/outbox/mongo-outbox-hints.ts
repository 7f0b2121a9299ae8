import { type mongo } from 'mongoose';
import { releaseParkedEvents } from './mongo-outbox';

/** The collection of hints of an outbox on MongoDB: which documents may hold pending events. */
export const MONGO_HINTS_COLLECTION = 'outbox_hints';

/**
 * A hint that the document `doc` of `collection` may hold pending events. `_id` is
 * `<collection>:<doc>`; `n` grows with every write of the hint, so the relay deletes it only if nobody
 * wrote it again since it read it; `since` is when it was first written (the pending events' age);
 * `parked` marks a document held back behind a parked event (not read again until it is released).
 */
export interface MongoHintDoc {
  _id: string;
  collection: string;
  doc: unknown;
  n: number;
  since: Date;
  parked?: boolean;
}

/** Anything that opens a collection by name: a driver `Db` or a mongoose `Connection`. */
export interface MongoDatabase {
  collection<T extends mongo.Document>(name: string): mongo.Collection<T>;
}

export const hintKey = (collection: string, id: unknown) => `${collection}:${String(id)}`;

/** The upsert of a document's hint; `parked` is left as it is unless given. */
export function hintUpsert(
  collection: string,
  id: unknown,
  { since = new Date(), parked }: { since?: Date; parked?: boolean } = {},
): mongo.AnyBulkWriteOperation<MongoHintDoc> {
  return {
    updateOne: {
      filter: { _id: hintKey(collection, id) },
      update: {
        $inc: { n: 1 },
        $setOnInsert: { collection, doc: id, since },
        ...(parked === undefined ? {} : { $set: { parked } }),
      },
      upsert: true,
    },
  };
}

const isDuplicateKey = (err: unknown) =>
  (err as { code?: number }).code === 11000 ||
  ((err as { writeErrors?: { code?: number }[] }).writeErrors ?? []).some((e) => e.code === 11000);

/**
 * The writers' side of the outbox on MongoDB. After a write that added events to documents
 * (withEvents), the repository calls `hint(collection, ids)` so the relay reads those documents by
 * `_id` instead of searching the collection. The hint is a second write, not atomic with the first:
 * if it is lost (a crash in between, the database gone for a moment), the relay's periodic sweep
 * finds the events anyway, only later. So hint() never fails its caller, whose write is committed.
 */
export class MongoOutbox {
  constructor(
    private readonly database: MongoDatabase,
    private readonly hintsCollection = MONGO_HINTS_COLLECTION,
  ) {}

  /** Records that these documents of `collection` hold new events. Never throws. */
  async hint(collection: string, ids: unknown[]): Promise<void> {
    if (!ids.length) return;
    const hints = this.database.collection<MongoHintDoc>(this.hintsCollection);
    const ops = ids.map((id) => hintUpsert(collection, id));
    // two first upserts of one hint may race on MongoDB: the loser's retry finds it
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await hints.bulkWrite(ops, { ordered: false });
        return;
      } catch (err) {
        if (!isDuplicateKey(err)) return; // the sweep will find the events
      }
    }
  }

  /**
   * Publishes a document's parked events again once their cause is fixed (releaseParkedEvents), and
   * hints the document so the relay picks it up at once; how many events were released.
   */
  async releaseParked(collection: string, id: unknown): Promise<number> {
    const released = await releaseParkedEvents(this.database.collection(collection), id);
    if (released) {
      await this.database
        .collection<MongoHintDoc>(this.hintsCollection)
        .bulkWrite([hintUpsert(collection, id, { parked: false })]);
    }
    return released;
  }
}
