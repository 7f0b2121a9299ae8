import { TOPICS } from '@platform/contracts';
import { BatchEventConsumer } from '@platform/messaging';
import { type Component, type ComponentDeps } from '../component';
import { compact, repairCatalogs, sweepOrphans } from './compaction';
import { ParquetFiles } from './parquet-files';
import { ParquetWriter } from './parquet-writer';
import { TRAINING_EVENT_TYPES } from './training-rows';
import { type TrainingDeps } from './training-deps';
import { TrainingMetrics } from './training-metrics';
import { type WriterHooks } from './write-batches';

/** Topics the writer reads: ingestion's two, and order-service's items and confirmed orders. */
export const TRAINING_TOPICS = [
  TOPICS.interactionsIngested,
  TOPICS.itemsIngested,
  TOPICS.itemEvents,
  TOPICS.orderEvents,
];

/**
 * Training data (seed 002 §3): a batch consumer hands the ingested records, item events and confirmed
 * orders to the Parquet writer; compaction, the catalog repair and the orphan sweep run on a timer.
 * The consumer's health check is critical: a data-pipeline whose writer stopped accepts records that
 * pile up on Kafka unseen, and /health should say so (the orchestrator restarts it).
 */
export function trainingDataComponent(
  deps: ComponentDeps,
  hooks?: WriterHooks,
): Component & { training: TrainingData } {
  const training = new TrainingData(deps, hooks);
  return {
    routers: [],
    background: [training],
    checks: [training.consumer.healthCheck('training_data_writer', true)],
    training,
  };
}

/** What the training data needs of the service (a test composes one with hooks of its own). */
export type TrainingDataDeps = Pick<
  ComponentDeps,
  'config' | 'pool' | 'store' | 'broker' | 'metrics' | 'logger'
>;

export class TrainingData {
  readonly deps: TrainingDeps;
  readonly writer: ParquetWriter;
  readonly consumer: BatchEventConsumer;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private lastSweep = 0;

  constructor(
    private readonly c: TrainingDataDeps,
    hooks?: WriterHooks,
  ) {
    const files = new ParquetFiles(c.config.DUCKDB_MEMORY_LIMIT);
    this.deps = {
      pool: c.pool,
      store: c.store,
      files,
      metrics: new TrainingMetrics(c.metrics),
      logger: c.logger,
      offsetTopic: (topic) => c.broker.topic(topic),
    };
    this.writer = new ParquetWriter(this.deps, {
      maxRows: c.config.WRITER_MAX_ROWS,
      flushMs: c.config.WRITER_FLUSH_MS,
      hooks,
    });
    this.consumer = new BatchEventConsumer(c.broker, {
      groupId: c.broker.topic(`${c.config.CONSUMER_GROUP}.training-data`),
      topics: TRAINING_TOPICS,
      types: TRAINING_EVENT_TYPES,
      handler: this.writer.accept,
      // every record accepted before the group first existed is training data too
      fromBeginning: true,
      partitionsConsumedConcurrently: 12,
      maxBytesPerPartition: 8 * 1024 * 1024,
      maxWaitMs: 200,
      metrics: c.metrics,
    });
  }

  async start(): Promise<void> {
    // a store that is down now must not keep the writer from starting: the next tick repairs them
    await repairCatalogs(this.deps).catch((err: unknown) =>
      this.c.logger.warn('catalog.json repair failed at start', { error: (err as Error).message }),
    );
    await this.consumer.start();
    this.timer = setInterval(() => void this.tick(), this.c.config.COMPACT_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const consumerStopped = this.consumer.stop();
    await this.writer.stop();
    await consumerStopped;
    await this.ticking;
    this.deps.files.close();
  }

  /** Compaction, catalog repair and orphan sweep: once per COMPACT_INTERVAL_MS, or called by a test. */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      try {
        await repairCatalogs(this.deps);
        await compact(this.deps, this.c.config.COMPACT_MIN_FILES);
        // the sweep lists the whole store: a few times per ORPHAN_FILE_AGE_MS is enough
        if (Date.now() - this.lastSweep > this.c.config.ORPHAN_FILE_AGE_MS / 3) {
          await sweepOrphans(this.deps, this.c.config.ORPHAN_FILE_AGE_MS);
          this.lastSweep = Date.now();
        }
      } catch (err) {
        this.c.logger.warn('Training data maintenance failed; next tick tries again', {
          error: (err as Error).message,
        });
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }
}
