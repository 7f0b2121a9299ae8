import { type HealthCheck, type Logger, type Metrics } from '@platform/service-kit';
import { type Pool } from 'pg';
import { exportOutboxGauges } from './outbox-metrics';
import { PgAdvisoryLock } from './pg-advisory-lock';
import { PgOutboxStore, type PgOutboxRow } from './pg-outbox-store';
import {
  backoff,
  describeError,
  isTransientPublishError,
  Pauser,
  type OutboxPublisher,
} from './relay-support';

export interface RelayOptions {
  pool: Pool;
  publisher: OutboxPublisher;
  logger: Logger;
  /** Exports outbox_pending, outbox_oldest_age_seconds and outbox_parked into this registry. */
  metrics?: Metrics;
  batchSize?: number;
  /** How long to wait when the outbox is empty. */
  idleMs?: number;
  /** How often a standby replica tries to become the active relay. */
  standbyMs?: number;
  /** Failed attempts after which a row is parked instead of holding back the rest. */
  maxAttempts?: number;
  /** First delay after a failure, doubled up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
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
 * Moves committed outbox rows to Kafka in id order, which is commit order for each aggregate (its
 * writes serialise on its row). Only the replica holding the outbox's advisory lock publishes; the
 * others stand by and take over when its session ends, so no two relays ever interleave one key.
 *
 * Throughput comes from pipelining: while one batch is being sent, the next is read, and the previous
 * one is marked. A batch goes out only after the one before it was acknowledged, so a failure never
 * lets a later event of a key overtake an earlier one. A crash between the send and the mark sends
 * the batch again: delivery is at-least-once, and consumers deduplicate on event_id.
 *
 * A failed batch is retried one row at a time, so a row the broker refuses (too large, rejected) is
 * found, counted, and parked after maxAttempts; the rest flows on, and healthCheck() reports degraded.
 */
export class PgOutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private readonly store: PgOutboxStore;
  private readonly lock: PgAdvisoryLock;
  private readonly pauser = new Pauser();
  private readonly batchSize: number;
  private readonly idleMs: number;
  private failures = 0;
  /** After a failed batch, rows up to this id go out one by one to find the one that fails. */
  private isolateThrough?: bigint;
  private lastCleanup = Date.now();
  private unexport?: () => void;

  constructor(private readonly opts: RelayOptions) {
    this.batchSize = opts.batchSize ?? 1000;
    this.idleMs = opts.idleMs ?? 200;
    this.store = new PgOutboxStore(opts.pool);
    this.lock = new PgAdvisoryLock(opts.pool, opts.lockName ?? 'platform.outbox', opts.logger);
  }

  /** True while this replica is the one publishing. */
  get active(): boolean {
    return this.lock.held;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.opts.metrics)
      this.unexport = exportOutboxGauges(this.opts.metrics, 'postgres', () => this.store.stats());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pauser.wake();
    await this.loop;
    this.unexport?.();
  }

  /** Non-critical: the service works, but parked events wait for a person (see last_error). */
  healthCheck(name = 'outbox'): HealthCheck {
    return {
      name,
      critical: false,
      check: async () => {
        const parked = await this.store.countParked();
        if (parked > 0) throw new Error(`${parked} outbox event(s) parked`);
      },
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.lock.tryAcquire())) {
          await this.pauser.pause(this.opts.standbyMs ?? 1000);
          continue;
        }
        await this.drain();
        if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) await this.cleanup();
        if (this.running) await this.pauser.pause(this.idleMs);
      } catch (err) {
        this.failures++;
        const delay = backoff(
          this.opts.retryDelayMs ?? 200,
          this.opts.maxRetryDelayMs ?? 30_000,
          this.failures,
        );
        this.opts.logger.warn('Outbox relay failed; will retry', { error: err, delay_ms: delay });
        await this.pauser.pause(delay);
      }
    }
    await this.lock.release();
  }

  /** Publishes until the outbox is empty (or this replica stops, or loses the lock). */
  private async drain(): Promise<void> {
    const handled = <T>(p: Promise<T>) => (p.catch(() => undefined), p);
    let next = handled(this.store.fetch('0', this.limit()));
    let marking: Promise<void> = Promise.resolve();
    try {
      while (this.running && (await this.lock.verify(LOCK_CHECK_MS))) {
        const batch = await next;
        if (!batch.length) return;
        const last = batch[batch.length - 1].id;
        const more = batch.length === this.limit();
        // read the next batch while this one is in flight; rows are only marked after their send
        next = handled(more ? this.store.fetch(last, this.limit(last)) : Promise.resolve([]));
        try {
          await this.opts.publisher.publish(batch.map(toMessage));
        } catch (err) {
          await marking;
          await this.onPublishFailure(batch, err);
          next = handled(this.store.fetch('0', this.limit()));
          continue;
        }
        this.failures = 0;
        if (this.isolateThrough !== undefined && BigInt(last) >= this.isolateThrough)
          this.isolateThrough = undefined;
        await marking;
        marking = handled(this.store.markPublished(batch.map((r) => r.id)));
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

  private async cleanup(): Promise<void> {
    this.lastCleanup = Date.now();
    await this.store.deletePublishedBefore(this.opts.retainHours ?? 72);
  }
}

const toMessage = (r: PgOutboxRow) => ({
  topic: r.topic,
  event: r.payload,
  traceparent: r.traceparent ?? undefined,
});
