import { type EventHandler, type HandlerContext, type InboxEvent } from './inbox';

type Doc = Record<string, unknown>;

/** What the inbox needs of a collection: a native `Collection` and a mongoose `Model` both fit. */
export interface MongoCollectionLike {
  updateOne(
    filter: Doc,
    update: Doc,
    options?: { upsert?: boolean },
  ): PromiseLike<{ matchedCount: number; upsertedCount?: number }>;
  countDocuments(filter: Doc): PromiseLike<number>;
}

export interface MongoWriteOptions {
  /** Extra conditions the effect depends on (`{ stock: { $gte: 1 } }`); unmet → `write` resolves false. */
  where?: Doc;
  /** Create the document when it does not exist yet. */
  upsert?: boolean;
}

/** Applies the handler's one write with the event's mark in it: true if applied, false if `where` failed. */
export type MongoWrite = (
  collection: MongoCollectionLike,
  target: Doc,
  update: Doc,
  options?: MongoWriteOptions,
) => Promise<boolean>;

export interface MongoInboxOptions {
  /** The array in each document holding the ids of the events applied to it. */
  field?: string;
  /** How many ids each document keeps (the newest): far more than can be redelivered at once. */
  keep?: number;
}

class AlreadyApplied extends Error {}

/**
 * Exactly-once effects for MongoDB handlers, by single-document atomicity only (no transactions, so
 * it holds on FerretDB too): the handler's one update gets `{field: {$ne: event_id}}` in its filter and
 * pushes the event id in the same update. A redelivery or a concurrent delivery matches nothing, the
 * document says it holds the id, and the handler stops there as a duplicate.
 *
 * ```ts
 * const inbox = new MongoInbox();
 * handlers: { PaymentFailed: inbox.handle(async (event, write) => {
 *   await write(orders, { _id: event.data.order_id }, { $set: { status: 'failed' } });
 * }) }
 * ```
 * A mongoose schema must declare the field (`processed_events: [String]`), or strict mode drops it.
 */
export class MongoInbox {
  private readonly field: string;
  private readonly keep: number;

  constructor({ field = 'processed_events', keep = 200 }: MongoInboxOptions = {}) {
    this.field = field;
    this.keep = keep;
  }

  handle<E extends InboxEvent>(
    fn: (event: E, write: MongoWrite, ctx: HandlerContext) => Promise<void>,
  ): EventHandler<E> {
    return async (event, ctx) => {
      let written = false;
      const write: MongoWrite = async (collection, target, update, options = {}) => {
        // one write per event: the mark cannot cover two documents
        if (written) throw new Error('MongoInbox: a handler makes exactly one write');
        written = true;
        return this.apply(collection, event.event_id, target, update, options);
      };
      try {
        await fn(event, write, ctx);
        return undefined;
      } catch (err) {
        if (err instanceof AlreadyApplied) return 'duplicate';
        throw err;
      }
    };
  }

  private async apply(
    collection: MongoCollectionLike,
    eventId: string,
    target: Doc,
    update: Doc,
    { where = {}, upsert = false }: MongoWriteOptions,
  ): Promise<boolean> {
    const field = this.field;
    const push = { ...(update.$push as Doc | undefined), [field]: { $each: [eventId], $slice: -this.keep } };
    try {
      const res = await collection.updateOne(
        { ...target, ...where, [field]: { $ne: eventId } },
        { ...update, $push: push },
        { upsert },
      );
      if (res.matchedCount + (res.upsertedCount ?? 0) > 0) {
        await this.trim(collection, target);
        return true;
      }
    } catch (err) {
      // an upsert of a document that exists but did not match inserts a second one with its _id
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    if ((await collection.countDocuments({ ...target, [field]: eventId })) > 0) throw new AlreadyApplied();
    return false;
  }

  // MongoDB caps the array with $slice in the write itself; FerretDB ignores $slice, so drop the
  // oldest id once it is over the cap (a separate write, harmless: ids that old are never redelivered)
  private async trim(collection: MongoCollectionLike, target: Doc): Promise<void> {
    await collection.updateOne(
      { ...target, [`${this.field}.${this.keep}`]: { $exists: true } },
      { $pop: { [this.field]: -1 } },
    );
  }
}
