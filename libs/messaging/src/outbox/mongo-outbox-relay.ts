import { type Collection, type Connection } from 'mongoose';
import { MongoLease } from './mongo-lease';
import { MONGO_OUTBOX_FIELD, MONGO_PARKED_FIELD, type MongoOutboxEntry } from './mongo-outbox';
import { type OutboxStats } from './outbox-metrics';
import { RelayBase, type RelayLoopOptions } from './relay-base';
import { AttemptCounter, describeError, isTransientPublishError } from './relay-support';

export interface MongoRelayOptions extends RelayLoopOptions {
  connection: Connection;
  /** The collections whose documents carry pending events (written with withEvents). */
  collections: string[];
  /** Documents per batch (each with all its pending events). */
  batchSize?: number;
  /** Length of the active relay's lease; a standby takes over at most this long after the holder died. */
  leaseMs?: number;
  /** Names the lease (one active relay per outbox). */
  leaseName?: string;
  /** Failed attempts after which an event moves to the document's `outbox_parked` instead of holding back the rest. */
  maxAttempts?: number;
  /** Failures that say Kafka was unreachable and so do not count towards parking an event. */
  isTransient?: (err: unknown) => boolean;
}

interface PendingDoc {
  _id: unknown;
  [MONGO_OUTBOX_FIELD]: MongoOutboxEntry[];
}

const PARKED = { [`${MONGO_PARKED_FIELD}.0`]: { $exists: true } };
// a document with a parked event publishes nothing more until it is released (its order holds)
const PENDING = {
  [`${MONGO_OUTBOX_FIELD}.0`]: { $exists: true },
  [`${MONGO_PARKED_FIELD}.0`]: { $exists: false },
};
const HELD_BACK = { [`${MONGO_OUTBOX_FIELD}.0`]: { $exists: true }, ...PARKED };
export { MONGO_PARKED_FIELD };

const toMessage = (e: MongoOutboxEntry) => ({ topic: e.topic, event: e.event, traceparent: e.traceparent });

/**
 * Publishes the events kept in aggregate documents, each document's in array order (commit order of
 * that aggregate), then removes exactly the published elements with `$pullAll`: elements pushed
 * meanwhile stay (and `$pull` with a condition does nothing on FerretDB). Only the holder of the lease
 * publishes. A crash after the publish and before the `$pullAll` publishes again: at-least-once.
 * After a failed batch its documents go out one event at a time; an event the broker keeps refusing
 * moves to `outbox_parked` in its document after maxAttempts, the document's later events wait for
 * its release (releaseParkedEvents), and healthCheck() reports degraded.
 */
export class MongoOutboxRelay extends RelayBase {
  private readonly lease: MongoLease;
  private readonly attempts: AttemptCounter;
  /** After a failed batch, this many documents go out one event at a time to find the one that fails. */
  private isolateDocs = 0;

  constructor(private readonly opts: MongoRelayOptions) {
    const leaseMs = opts.leaseMs ?? 10_000;
    super(opts, 'mongodb', leaseMs / 3);
    this.attempts = new AttemptCounter(opts.maxAttempts ?? 10, opts.isTransient ?? isTransientPublishError);
    this.lease = new MongoLease(
      opts.connection,
      opts.leaseName ?? `outbox:${opts.collections.join(',')}`,
      leaseMs,
    );
  }

  get active(): boolean {
    return this.lease.held;
  }

  protected acquire() {
    return this.lease.renewIfDue();
  }
  protected release() {
    return this.lease.release();
  }

  /** Publishes one batch of documents' pending events; returns how many events went out. */
  protected async relayOnce(): Promise<number> {
    let sent = 0;
    for (const name of this.opts.collections) {
      const collection = this.opts.connection.collection<PendingDoc>(name);
      const docs = await collection
        .find(PENDING, { projection: { [MONGO_OUTBOX_FIELD]: 1 } })
        .limit(this.isolateDocs > 0 ? 1 : (this.opts.batchSize ?? 200))
        .toArray();
      if (!docs.length) continue;
      // a holder whose lease ran out while it read (a long pause) must not publish next to its successor
      if (!this.lease.held) return sent;
      if (this.isolateDocs > 0) {
        sent += await this.relayOneByOne(collection, docs[0]);
        this.isolateDocs--;
        continue;
      }
      try {
        await this.publish(docs.flatMap((d) => d[MONGO_OUTBOX_FIELD].map(toMessage)));
      } catch (err) {
        this.isolateDocs = docs.length;
        throw err;
      }
      // the lease ran out during the send: a successor owns these now; stand down and leave them
      if (!this.lease.held) return sent;
      await Promise.all(docs.map((d) => this.remove(collection, d, d[MONGO_OUTBOX_FIELD])));
      sent += docs.reduce((n, d) => n + d[MONGO_OUTBOX_FIELD].length, 0);
    }
    return sent;
  }

  private remove(
    collection: Collection<PendingDoc>,
    doc: PendingDoc,
    entries: MongoOutboxEntry[],
    also = {},
  ) {
    return collection.updateOne(
      { _id: doc._id } as never,
      { $pullAll: { [MONGO_OUTBOX_FIELD]: entries }, ...also } as never,
    );
  }

  /** One document's events, each sent and removed on its own; one refused maxAttempts times is parked. */
  private async relayOneByOne(collection: Collection<PendingDoc>, doc: PendingDoc): Promise<number> {
    let sent = 0;
    for (const entry of doc[MONGO_OUTBOX_FIELD]) {
      try {
        await this.publish([toMessage(entry)]);
      } catch (err) {
        if (!this.attempts.failed(entry.event.event_id, err)) throw err;
        const parked = { ...entry, error: describeError(err), parked_at: new Date() };
        await this.remove(collection, doc, [entry], { $push: { [MONGO_PARKED_FIELD]: parked } });
        this.opts.logger.error('Outbox event parked after repeated publish failures', {
          event_id: entry.event.event_id,
          event_type: entry.event.event_type,
          collection: collection.collectionName,
          error: describeError(err),
        });
        return sent; // its aggregate's later events wait until it is released
      }
      if (!this.lease.held) return sent;
      this.attempts.succeeded(entry.event.event_id);
      await this.remove(collection, doc, [entry]);
      sent++;
    }
    return sent;
  }

  /** Counts array elements with $unwind and $group/$sum (FerretDB 1.24 has no $size and no $min). */
  private async countEntries(name: string, match: object, field: string): Promise<number> {
    const [row] = await this.opts.connection
      .collection(name)
      .aggregate<{ n: number }>([
        { $match: match },
        { $unwind: `$${field}` },
        { $group: { _id: null, n: { $sum: 1 } } },
      ])
      .toArray();
    return row?.n ?? 0;
  }

  protected async parkedCounts(): Promise<{ parked: number; heldBack: number }> {
    let parked = 0;
    let heldBack = 0;
    for (const name of this.opts.collections) {
      parked += await this.countEntries(name, PARKED, MONGO_PARKED_FIELD);
      heldBack += await this.countEntries(name, HELD_BACK, MONGO_OUTBOX_FIELD);
    }
    return { parked, heldBack };
  }

  protected async stats(): Promise<OutboxStats> {
    let pending = 0;
    let oldest = Infinity;
    for (const name of this.opts.collections) {
      pending += await this.countEntries(name, PENDING, MONGO_OUTBOX_FIELD);
      const [first] = await this.opts.connection
        .collection<{ [MONGO_OUTBOX_FIELD]: MongoOutboxEntry }>(name)
        .aggregate<{ [MONGO_OUTBOX_FIELD]: MongoOutboxEntry }>([
          { $match: PENDING },
          { $unwind: `$${MONGO_OUTBOX_FIELD}` },
          { $sort: { [`${MONGO_OUTBOX_FIELD}.at`]: 1 } },
          { $limit: 1 },
        ])
        .toArray();
      if (first) oldest = Math.min(oldest, new Date(first[MONGO_OUTBOX_FIELD].at).getTime());
    }
    const oldestAgeSeconds = pending ? Math.max(0, (Date.now() - oldest) / 1000) : 0;
    return { pending, oldestAgeSeconds, ...(await this.parkedCounts()) };
  }
}
