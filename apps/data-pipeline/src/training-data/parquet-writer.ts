import { Errors } from '@platform/service-kit';
import { type BatchContext, type ConsumedEvent } from '@platform/messaging';
import { writeCatalog } from './catalog';
import { type TrainingDeps } from './training-deps';
import { writeBatches, type FetchedBatch, type WriterHooks } from './write-batches';

interface Waiting extends FetchedBatch {
  done: (err?: unknown) => void;
}

/**
 * After the last batch came in, how long to wait for more before writing. kafkajs hands over one fetch's
 * batches at nearly the same moment and fetches a partition again only once its handler returned, and
 * the handlers here return only after the write: waiting longer than this only adds latency.
 */
const QUIET_MS = 25;

/**
 * Gathers the batches the consumer hands over (several partitions at once) and writes them together:
 * once no further batch came for QUIET_MS (the fetch is complete), at WRITER_MAX_ROWS waiting events,
 * or WRITER_FLUSH_MS after the first at the latest. One file per (tenant, day) per write, not per
 * partition; compaction merges a day's files later. Each handler call resolves only when its events
 * are committed (write-batches.ts), so the consumer commits to Kafka only what is in Parquet. Writes
 * run one at a time.
 */
export class ParquetWriter {
  private waiting: Waiting[] = [];
  private waitingEvents = 0;
  private timer?: NodeJS.Timeout;
  private quiet?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly deps: TrainingDeps,
    private readonly opts: { maxRows: number; flushMs: number; hooks?: WriterHooks },
  ) {}

  /** The consumer's batch handler. */
  readonly accept = (events: ConsumedEvent[], ctx: BatchContext): Promise<void> =>
    new Promise((resolve, reject) => {
      this.waiting.push({ events, ctx, done: (err) => (err ? reject(err) : resolve()) });
      this.waitingEvents += events.length;
      if (this.stopping || this.waitingEvents >= this.opts.maxRows) return this.flushSoon(0);
      this.flushSoon(this.opts.flushMs);
      clearTimeout(this.quiet);
      this.quiet = setTimeout(() => void this.flush(), Math.min(QUIET_MS, this.opts.flushMs));
    });

  /** Writes whatever waits now (tests, and stop). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    clearTimeout(this.quiet);
    this.timer = undefined;
    const batches = this.waiting;
    this.waiting = [];
    this.waitingEvents = 0;
    this.flushing = this.flushing.then(() => this.write(batches));
    return this.flushing;
  }

  /** Lets waiting handlers finish at once (the consumer's disconnect waits for them). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.flush();
  }

  private flushSoon(ms: number) {
    if (ms === 0 || !this.timer) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), ms);
    }
  }

  private async write(batches: Waiting[]): Promise<void> {
    if (batches.length === 0) return;
    let tenants: string[];
    const started = performance.now();
    try {
      tenants = await writeBatches(this.deps, batches, this.opts.hooks);
      this.deps.logger.debug('Parquet written', {
        batches: batches.length,
        events: batches.reduce((n, b) => n + b.events.length, 0),
        ms: Math.round(performance.now() - started),
      });
    } catch (err) {
      this.deps.logger.warn('Parquet write failed; the batches are fetched again', {
        batches: batches.length,
        error: (err as Error).message,
      });
      // always retriable: dead-lettering accepted records for a full disk or a store outage would lose them
      for (const b of batches) b.done(Errors.unavailable('Parquet write failed', err));
      return;
    }
    for (const b of batches) b.done();
    // the data is committed; a catalog that fails here is rewritten at the next change or compaction tick
    for (const tenant of tenants)
      await writeCatalog(this.deps.pool, this.deps.store, tenant).catch((err: unknown) =>
        this.deps.logger.warn('catalog.json not written yet', {
          tenant_id: tenant,
          error: (err as Error).message,
        }),
      );
  }
}
