import { type HealthCheck, type Logger, type Metrics } from '@platform/service-kit';
import { type Collection, type Connection } from 'mongoose';
import { MongoLease } from './mongo-lease';
import { MONGO_OUTBOX_FIELD, type MongoOutboxEntry } from './mongo-outbox';
import { exportOutboxGauges, type OutboxStats } from './outbox-metrics';
import {
  AttemptCounter,
  backoff,
  describeError,
  isTransientPublishError,
  Pauser,
  type OutboxPublisher,
} from './relay-support';

export interface MongoRelayOptions {
  connection: Connection;
  /** The collections whose documents carry pending events (written with withEvents). */
  collections: string[];
  publisher: OutboxPublisher;
  logger: Logger;
  metrics?: Metrics;
  /** Documents per batch (each with all its pending events). */
  batchSize?: number;
  idleMs?: number;
  /** Length of the active relay's lease; a standby takes over at most this long after the holder died. */
  leaseMs?: number;
  standbyMs?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Names the lease (one active relay per outbox). */
  leaseName?: string;
  /** Failed attempts after which an event moves to the document's `outbox_parked` instead of holding back the rest. */
  maxAttempts?: number;
  /** Failures that say Kafka was unreachable and so do not count towards parking an event. */
  isTransient?: (err: unknown) => boolean;
}

/** Where an event the broker keeps refusing is kept, in its aggregate document, for a person. */
export const MONGO_PARKED_FIELD = 'outbox_parked';

interface PendingDoc {
  _id: unknown;
  [MONGO_OUTBOX_FIELD]: MongoOutboxEntry[];
}

const PENDING = { [`${MONGO_OUTBOX_FIELD}.0`]: { $exists: true } };
const PARKED = { [`${MONGO_PARKED_FIELD}.0`]: { $exists: true } };
const toMessage = (e: MongoOutboxEntry) => ({ topic: e.topic, event: e.event, traceparent: e.traceparent });

/**
 * Publishes the events kept in aggregate documents, each document's in array order (commit order of
 * that aggregate), then removes exactly the published elements with `$pullAll`: elements pushed
 * meanwhile stay (and `$pull` with a condition does nothing on FerretDB). Only the holder of the lease
 * publishes. A crash after the publish and before the `$pullAll` publishes again: at-least-once.
 * After a failed batch its documents go out one event at a time; an event the broker keeps refusing
 * moves to `outbox_parked` in its document after maxAttempts, and healthCheck() reports degraded.
 */
export class MongoOutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private readonly lease: MongoLease;
  private readonly pauser = new Pauser();
  private unexport?: () => void;
  private readonly attempts: AttemptCounter;
  /** After a failed batch, this many documents go out one event at a time to find the one that fails. */
  private isolateDocs = 0;

  constructor(private readonly opts: MongoRelayOptions) {
    this.attempts = new AttemptCounter(opts.maxAttempts ?? 10, opts.isTransient ?? isTransientPublishError);
    this.lease = new MongoLease(
      opts.connection,
      opts.leaseName ?? `outbox:${opts.collections.join(',')}`,
      opts.leaseMs ?? 10_000,
    );
  }

  get active(): boolean {
    return this.lease.held;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.opts.metrics)
      this.unexport = exportOutboxGauges(this.opts.metrics, 'mongodb', () => this.stats());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pauser.wake();
    await this.loop;
    this.unexport?.();
  }

  /** Non-critical: the service works, but parked events wait for a person (`outbox_parked`). */
  healthCheck(name = 'outbox'): HealthCheck {
    return {
      name,
      critical: false,
      check: async () => {
        let parked = 0;
        for (const c of this.opts.collections)
          parked += await this.opts.connection.collection(c).countDocuments(PARKED);
        if (parked > 0) throw new Error(`${parked} document(s) with parked outbox events`);
      },
    };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!(await this.lease.renewIfDue())) {
          await this.pauser.pause(this.opts.standbyMs ?? 1000);
          continue;
        }
        const sent = await this.relayOnce();
        failures = 0;
        if (!sent) await this.pauser.pause(this.opts.idleMs ?? 200);
      } catch (err) {
        failures++;
        const delay = backoff(this.opts.retryDelayMs ?? 200, this.opts.maxRetryDelayMs ?? 30_000, failures);
        this.opts.logger.warn('MongoDB outbox relay failed; will retry', { error: err, delay_ms: delay });
        await this.pauser.pause(delay);
      }
    }
    await this.lease.release().catch(() => undefined);
  }

  /** Publishes one batch of documents' pending events; returns how many events went out. */
  private async relayOnce(): Promise<number> {
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
        await this.opts.publisher.publish(docs.flatMap((d) => d[MONGO_OUTBOX_FIELD].map(toMessage)));
      } catch (err) {
        this.isolateDocs = docs.length;
        throw err;
      }
      await Promise.all(
        docs.map((d) =>
          collection.updateOne(
            { _id: d._id } as never,
            {
              $pullAll: { [MONGO_OUTBOX_FIELD]: d[MONGO_OUTBOX_FIELD] },
            } as never,
          ),
        ),
      );
      sent += docs.reduce((n, d) => n + d[MONGO_OUTBOX_FIELD].length, 0);
    }
    return sent;
  }

  /** One document's events, each sent and removed on its own; one refused maxAttempts times is parked. */
  private async relayOneByOne(collection: Collection<PendingDoc>, doc: PendingDoc): Promise<number> {
    let sent = 0;
    for (const entry of doc[MONGO_OUTBOX_FIELD]) {
      try {
        await this.opts.publisher.publish([toMessage(entry)]);
      } catch (err) {
        if (!this.attempts.failed(entry.event.event_id, err)) throw err;
        await collection.updateOne(
          { _id: doc._id } as never,
          {
            $pullAll: { [MONGO_OUTBOX_FIELD]: [entry] },
            $push: { [MONGO_PARKED_FIELD]: { ...entry, error: describeError(err), parked_at: new Date() } },
          } as never,
        );
        this.opts.logger.error('Outbox event parked after repeated publish failures', {
          event_id: entry.event.event_id,
          event_type: entry.event.event_type,
          collection: collection.collectionName,
          error: describeError(err),
        });
        continue;
      }
      this.attempts.succeeded(entry.event.event_id);
      await collection.updateOne(
        { _id: doc._id } as never,
        { $pullAll: { [MONGO_OUTBOX_FIELD]: [entry] } } as never,
      );
      sent++;
    }
    return sent;
  }

  private async stats(): Promise<OutboxStats> {
    let pending = 0;
    let parked = 0;
    let oldest = Infinity;
    for (const name of this.opts.collections) {
      const docs = await this.opts.connection
        .collection<PendingDoc>(name)
        .find(PENDING, { projection: { [`${MONGO_OUTBOX_FIELD}.at`]: 1 } })
        .limit(10_000)
        .toArray();
      for (const d of docs) {
        pending += d[MONGO_OUTBOX_FIELD].length;
        for (const e of d[MONGO_OUTBOX_FIELD]) oldest = Math.min(oldest, new Date(e.at).getTime());
      }
      const withParked = await this.opts.connection
        .collection<{ [MONGO_PARKED_FIELD]: unknown[] }>(name)
        .find(PARKED, { projection: { [`${MONGO_PARKED_FIELD}.parked_at`]: 1 } })
        .toArray();
      parked += withParked.reduce((n, d) => n + d[MONGO_PARKED_FIELD].length, 0);
    }
    return { pending, oldestAgeSeconds: pending ? (Date.now() - oldest) / 1000 : 0, parked };
  }
}
