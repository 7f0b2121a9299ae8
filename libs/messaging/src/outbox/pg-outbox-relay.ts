import { type ClientConfig, type Pool } from 'pg';
import { PgAdvisoryLock } from './pg-advisory-lock';
import { PgOutboxStore, type PgOutboxRow } from './pg-outbox-store';
import { RelayBase, type RelayLoopOptions } from './relay-base';
import { describeError, isTransientPublishError } from './relay-support';

export interface RelayOptions extends RelayLoopOptions {
  pool: Pool;
  /** The lock's own connection; the pool's settings when omitted (it takes no client of the pool). */
  lockConnection?: ClientConfig;
  batchSize?: number;
  /** Failed attempts after which a row is parked instead of holding back the rest. */
  maxAttempts?: number;
  /** Published rows older than this are deleted. */
  retainHours?: number;
  /** Names the advisory lock (one active relay per outbox table and database). */
  lockName?: string;
  /** Failures that say Kafka was unreachable and so do not count towards parking a row. */
  isTransient?: (err: unknown) => boolean;
}

const CLEANUP_EVERY_MS = 10 * 60_000;
// how often the active relay confirms, on the lock's own session, that it still holds the lock
const LOCK_CHECK_MS = 1000;

/**
 * Moves committed outbox rows to Kafka in id order, which is commit order for each aggregate
 * (enqueueEvents serialises one aggregate's transactions). Only the replica holding the outbox's
 * advisory lock publishes; the others stand by and take over when its session ends, so no two relays
 * ever interleave one key.
 *
 * Throughput comes from pipelining: while one batch is being sent, the next is read, and the previous
 * one is marked. A batch goes out only after the one before it was acknowledged, so a failure never
 * lets a later event of a key overtake an earlier one. A crash between the send and the mark sends
 * the batch again: delivery is at-least-once, and consumers deduplicate on event_id.
 *
 * A failed batch is retried one row at a time, so a row the broker refuses (too large, rejected) is
 * found, counted, and parked after maxAttempts; the other keys flow on, the parked row's key waits
 * until it is released, and healthCheck() reports degraded.
 */
export class PgOutboxRelay extends RelayBase {
  private readonly store: PgOutboxStore;
  private readonly lock: PgAdvisoryLock;
  private readonly batchSize: number;
  /** After a failed batch, rows up to this id go out one by one to find the one that fails. */
  private isolateThrough?: bigint;
  private lastCleanup = Date.now();

  constructor(private readonly opts: RelayOptions) {
    // the lock is a session: no lease to outlive, the timeout only unsticks a send Kafka never answers
    super(opts, 'postgres', 60_000);
    this.batchSize = opts.batchSize ?? 1000;
    this.store = new PgOutboxStore(opts.pool);
    const connection = opts.lockConnection ?? (opts.pool as unknown as { options: ClientConfig }).options;
    this.lock = new PgAdvisoryLock(connection, opts.lockName ?? 'platform.outbox', opts.logger);
  }

  get active(): boolean {
    return this.lock.held;
  }

  protected acquire() {
    return this.lock.tryAcquire();
  }
  protected release() {
    return this.lock.release();
  }
  protected stats() {
    return this.store.stats();
  }
  protected parkedCounts() {
    return this.store.parked();
  }

  protected async relayOnce(): Promise<number> {
    await this.drain();
    if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
      this.lastCleanup = Date.now();
      await this.store.deletePublishedBefore(this.opts.retainHours ?? 72);
    }
    return 0; // drained: look again after idleMs
  }

  /** Publishes until the outbox is empty (or this replica stops, or loses the lock). */
  private async drain(): Promise<void> {
    const handled = <T>(p: Promise<T>) => (p.catch(() => undefined), p);
    // sent or being sent, not yet marked: the next read skips them
    const inFlight = new Set<string>();
    let next = handled(this.store.fetch(inFlight, this.limit()));
    let marking: Promise<void> = Promise.resolve();
    try {
      while (this.isRunning && (await this.lock.verify(LOCK_CHECK_MS))) {
        const batch = await next;
        if (!batch.length) return;
        const ids = batch.map((r) => r.id);
        const last = ids[ids.length - 1];
        ids.forEach((id) => inFlight.add(id));
        const more = batch.length === this.limit();
        // read the next batch while this one is in flight; rows are only marked after their send
        next = handled(more ? this.store.fetch(inFlight, this.limit(last)) : Promise.resolve([]));
        try {
          await this.publish(batch.map(toMessage));
        } catch (err) {
          await marking;
          ids.forEach((id) => inFlight.delete(id));
          await this.onPublishFailure(batch, err);
          next = handled(this.store.fetch(inFlight, this.limit()));
          continue;
        }
        // cut off from the lock while sending (a successor may be sending these): stand down unmarked
        if (!this.lock.held) return;
        if (this.isolateThrough !== undefined && BigInt(last) >= this.isolateThrough)
          this.isolateThrough = undefined;
        await marking;
        marking = handled(this.store.markPublished(ids).then(() => ids.forEach((id) => inFlight.delete(id))));
        if (!more) return;
      }
    } finally {
      await marking;
    }
  }

  private limit(after?: string): number {
    if (this.isolateThrough === undefined) return this.batchSize;
    return after !== undefined && BigInt(after) >= this.isolateThrough ? this.batchSize : 1;
  }

  private async onPublishFailure(batch: PgOutboxRow[], err: unknown): Promise<void> {
    if (batch.length > 1) {
      // which row? send them one by one, at once
      this.isolateThrough = BigInt(batch[batch.length - 1].id);
      this.opts.logger.warn('Outbox batch failed; retrying its events one by one', {
        error: err,
        size: batch.length,
      });
      return;
    }
    const [row] = batch;
    if ((this.opts.isTransient ?? isTransientPublishError)(err)) throw err;
    const { attempts, parked } = await this.store.recordFailure(
      row.id,
      describeError(err),
      this.opts.maxAttempts ?? 10,
    );
    if (!parked) throw err;
    this.opts.logger.error('Outbox event parked after repeated publish failures', {
      event_id: row.payload.event_id,
      event_type: row.payload.event_type,
      topic: row.topic,
      attempts,
      error: describeError(err),
    });
  }
}

const toMessage = (r: PgOutboxRow) => ({
  topic: r.topic,
  event: r.payload,
  traceparent: r.traceparent ?? undefined,
});
