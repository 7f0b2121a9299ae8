import { type Connection } from 'mongoose';
import { MongoLease } from './mongo-lease';
import { MONGO_OUTBOX_FIELD, MONGO_PARKED_FIELD, type MongoOutboxEntry } from './mongo-outbox';
import { hintUpsert, MONGO_HINTS_COLLECTION, type MongoHintDoc } from './mongo-outbox-hints';
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
  /** Where the writers' hints are (MongoOutbox); `outbox_hints` by default. */
  hintsCollection?: string;
  /**
   * How often the active relay also searches its collections for events without a hint (a writer
   * that died between its write and its hint): a query that reads whole collections. 30 s by default.
   */
  sweepMs?: number;
}

interface PendingDoc {
  _id: unknown;
  [MONGO_OUTBOX_FIELD]?: MongoOutboxEntry[];
  [MONGO_PARKED_FIELD]?: unknown[];
}
type Hinted = { hint: MongoHintDoc; doc: PendingDoc & { [MONGO_OUTBOX_FIELD]: MongoOutboxEntry[] } };

// the sweep: documents with pending or parked events (a parked document's hint keeps it counted)
const SWEPT = {
  $or: [
    { [`${MONGO_OUTBOX_FIELD}.0`]: { $exists: true } },
    { [`${MONGO_PARKED_FIELD}.0`]: { $exists: true } },
  ],
};
const OUTBOX_FIELDS = { projection: { [MONGO_OUTBOX_FIELD]: 1, [MONGO_PARKED_FIELD]: 1 } };
// the hints the gauges read documents for, oldest first; past them each hint counts as one event
const STATS_DOCS = 200;
const STATS_MS = 2000;
export { MONGO_PARKED_FIELD };

const toMessage = (e: MongoOutboxEntry) => ({ topic: e.topic, event: e.event, traceparent: e.traceparent });
const count = (a?: unknown[]) => a?.length ?? 0;

/**
 * Publishes the events kept in aggregate documents, each document's in array order (commit order of
 * that aggregate), then removes exactly the published elements with `$pullAll`: elements pushed
 * meanwhile stay (and `$pull` with a condition does nothing on FerretDB). Only the holder of the lease
 * publishes. A crash after the publish and before the `$pullAll` publishes again: at-least-once.
 *
 * Which documents to read comes from the writers' hints (MongoOutbox.hint), read by `_id` only, so a
 * poll costs what is pending, not the collections' size (FerretDB reads a whole collection for any
 * other filter). A hint is deleted once its document is read with no pending event, and only if no
 * writer wrote it again since it was read. A sweep (at start and every sweepMs) hints the documents
 * that hold events without a hint.
 *
 * After a failed batch its documents go out one event at a time; an event the broker keeps refusing
 * moves to `outbox_parked` in its document after maxAttempts, the document's later events wait for
 * its release (MongoOutbox.releaseParked), and healthCheck() reports degraded.
 */
export class MongoOutboxRelay extends RelayBase {
  private readonly lease: MongoLease;
  private readonly attempts: AttemptCounter;
  /** After a failed batch, this many documents go out one event at a time to find the one that fails. */
  private isolateDocs = 0;
  private nextSweep = 0;
  private last?: { at: number; stats: OutboxStats };
  private refreshing?: Promise<OutboxStats>;

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

  private hints() {
    return this.opts.connection.collection<MongoHintDoc>(this.opts.hintsCollection ?? MONGO_HINTS_COLLECTION);
  }

  private collection(name: string) {
    return this.opts.connection.collection<PendingDoc>(name);
  }

  private readHints(parked: boolean, limit = 0) {
    return this.hints()
      .find({ collection: { $in: this.opts.collections }, parked: parked ? true : { $ne: true } })
      .sort({ since: 1 })
      .limit(limit)
      .toArray();
  }

  private async load(hints: MongoHintDoc[]) {
    return Promise.all(
      hints.map(async (hint) => ({
        hint,
        doc: await this.collection(hint.collection).findOne({ _id: hint.doc } as never, OUTBOX_FIELDS),
      })),
    );
  }

  /** Publishes one batch of hinted documents' pending events; returns how many events went out. */
  protected async relayOnce(): Promise<number> {
    if (Date.now() >= this.nextSweep) {
      await this.sweep();
      this.nextSweep = Date.now() + (this.opts.sweepMs ?? 30_000);
    }
    const hints = await this.readHints(false, this.isolateDocs > 0 ? 1 : (this.opts.batchSize ?? 200));
    const pending: Hinted[] = [];
    const done: MongoHintDoc[] = [];
    const parked: Promise<unknown>[] = [];
    for (const { hint, doc } of await this.load(hints)) {
      if (count(doc?.[MONGO_PARKED_FIELD])) parked.push(this.markParked(hint));
      else if (doc && count(doc[MONGO_OUTBOX_FIELD])) pending.push({ hint, doc } as Hinted);
      else done.push(hint);
    }
    await Promise.all([...parked, this.dropHints(done)]);
    if (!pending.length) return 0;
    // a holder whose lease ran out while it read (a long pause) must not publish next to its successor
    if (!this.lease.held) return 0;
    if (this.isolateDocs > 0) {
      this.isolateDocs--;
      return this.relayOneByOne(pending[0]);
    }
    try {
      await this.publish(pending.flatMap(({ doc }) => doc[MONGO_OUTBOX_FIELD].map(toMessage)));
    } catch (err) {
      this.isolateDocs = pending.length;
      throw err;
    }
    // the lease ran out during the send: a successor owns these now; stand down and leave them
    if (!this.lease.held) return 0;
    const emptied = await Promise.all(
      pending.map(async ({ hint, doc }) => {
        const after = await this.collection(hint.collection).findOneAndUpdate(
          { _id: hint.doc } as never,
          { $pullAll: { [MONGO_OUTBOX_FIELD]: doc[MONGO_OUTBOX_FIELD] } } as never,
          { returnDocument: 'after' },
        );
        const empty = !count(after?.[MONGO_OUTBOX_FIELD]) && !count(after?.[MONGO_PARKED_FIELD]);
        return empty ? [hint] : [];
      }),
    );
    await this.dropHints(emptied.flat());
    return pending.reduce((n, { doc }) => n + doc[MONGO_OUTBOX_FIELD].length, 0);
  }

  /**
   * Deletes the hints of documents read without pending events, each only if no writer wrote it since
   * it was read (`n` unchanged): an event pushed meanwhile keeps its hint. One write for them all.
   */
  private async dropHints(hints: MongoHintDoc[]) {
    if (hints.length) await this.hints().deleteMany({ $or: hints.map(({ _id, n }) => ({ _id, n })) });
  }

  /** Hints every document holding pending or parked events, whether its writer hinted it or not. */
  private async sweep(): Promise<void> {
    for (const name of this.opts.collections) {
      const cursor = this.collection(name).find(SWEPT, { ...OUTBOX_FIELDS, batchSize: 500 });
      let ops: ReturnType<typeof hintUpsert>[] = [];
      const flush = async () => {
        if (ops.length) await this.hints().bulkWrite(ops, { ordered: false });
        ops = [];
      };
      for await (const doc of cursor) {
        const since = doc[MONGO_OUTBOX_FIELD]?.[0]?.at ?? new Date();
        ops.push(hintUpsert(name, doc._id, { since, parked: count(doc[MONGO_PARKED_FIELD]) > 0 }));
        if (ops.length >= 500) await flush();
      }
      await flush();
    }
  }

  /** Not read again until its document's parked events are released (which hints it again). */
  private markParked(hint: MongoHintDoc) {
    return this.hints().updateOne({ _id: hint._id }, { $set: { parked: true } });
  }

  private remove({ hint }: Pick<Hinted, 'hint'>, entries: MongoOutboxEntry[], also = {}) {
    return this.collection(hint.collection).updateOne(
      { _id: hint.doc } as never,
      { $pullAll: { [MONGO_OUTBOX_FIELD]: entries }, ...also } as never,
    );
  }

  /** One document's events, each sent and removed on its own; one refused maxAttempts times is parked. */
  private async relayOneByOne({ hint, doc }: Hinted): Promise<number> {
    let sent = 0;
    for (const entry of doc[MONGO_OUTBOX_FIELD]) {
      try {
        await this.publish([toMessage(entry)]);
      } catch (err) {
        if (!this.attempts.failed(entry.event.event_id, err)) throw err;
        const parked = { ...entry, error: describeError(err), parked_at: new Date() };
        // the hint first: the gauges and the health check count what its hint marks parked
        await this.markParked(hint);
        await this.remove({ hint }, [entry], { $push: { [MONGO_PARKED_FIELD]: parked } });
        this.opts.logger.error('Outbox event parked after repeated publish failures', {
          event_id: entry.event.event_id,
          event_type: entry.event.event_type,
          collection: hint.collection,
          error: describeError(err),
        });
        return sent; // its aggregate's later events wait until it is released
      }
      if (!this.lease.held) return sent;
      this.attempts.succeeded(entry.event.event_id);
      await this.remove({ hint }, [entry]);
      sent++;
    }
    return sent;
  }

  /** From the parked hints' documents: never a search of the collections. */
  protected async parkedCounts(): Promise<{ parked: number; heldBack: number }> {
    let parked = 0;
    let heldBack = 0;
    for (const { doc } of await this.load(await this.readHints(true))) {
      parked += count(doc?.[MONGO_PARKED_FIELD]);
      if (count(doc?.[MONGO_PARKED_FIELD])) heldBack += count(doc?.[MONGO_OUTBOX_FIELD]);
    }
    return { parked, heldBack };
  }

  /**
   * The last stats read, at most STATS_MS old when the database answers at once: a scrape never
   * waits for a busy database once a first read is done (it gets the last values and a refresh starts).
   */
  protected stats(): Promise<OutboxStats> {
    const { last } = this;
    if (!this.refreshing && (!last || Date.now() - last.at >= STATS_MS)) {
      const refresh = this.readStats().then((stats) => (this.last = { at: Date.now(), stats }).stats);
      this.refreshing = refresh;
      // a failed refresh keeps the last values (and is the first caller's error when there are none)
      refresh.finally(() => (this.refreshing = undefined)).catch(() => undefined);
    }
    return last ? Promise.resolve(last.stats) : (this.refreshing as Promise<OutboxStats>);
  }

  /**
   * From the hints and the documents of the oldest STATS_DOCS of them (read by `_id`); past those,
   * each hinted document counts as one event (an estimate while a large backlog waits).
   */
  private async readStats(): Promise<OutboxStats> {
    const hints = await this.readHints(false);
    let pending = Math.max(0, hints.length - STATS_DOCS);
    let oldest = Infinity;
    for (const { doc } of await this.load(hints.slice(0, STATS_DOCS))) {
      const events = doc?.[MONGO_OUTBOX_FIELD] ?? [];
      pending += events.length;
      for (const e of events) oldest = Math.min(oldest, new Date(e.at).getTime());
    }
    const oldestAgeSeconds = pending && oldest < Infinity ? Math.max(0, (Date.now() - oldest) / 1000) : 0;
    return { pending, oldestAgeSeconds, ...(await this.parkedCounts()) };
  }
}
