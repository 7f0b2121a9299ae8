import { randomUUID } from 'node:crypto';
import { type DomainEvent, type EventType } from '@platform/contracts';
import { type ConsumedEvent } from '@platform/messaging';
import { createLogger, createMetrics } from '@platform/service-kit';
import { ParquetFiles } from '../src/training-data/parquet-files';
import { type TrainingDeps } from '../src/training-data/training-deps';
import { TrainingMetrics } from '../src/training-data/training-metrics';
import { type FetchedBatch } from '../src/training-data/write-batches';
import { type DataPipeline } from './harness';

/** The writer's parts on a composed service's database and store, to drive step by step. */
export function trainingDeps(svc: DataPipeline): TrainingDeps {
  return {
    pool: svc.pool,
    store: svc.store,
    files: new ParquetFiles(),
    metrics: new TrainingMetrics(createMetrics('data-pipeline', { defaults: false })),
    logger: createLogger('training-test', 'silent'),
    offsetTopic: (topic) => svc.broker.topic(topic),
  };
}

/**
 * Fetched batches as the consumer would hand them over, on a partition of a topic of the test's own
 * (the stored offsets are per topic and partition): `next(events)` gives the following offsets,
 * `at(offset, events)` a redelivery from that offset.
 */
export function partitionFeed(topic = `test-${randomUUID()}`, partition = 0) {
  let offset = 0;
  const at = (first: number, events: DomainEvent<EventType>[]): FetchedBatch => {
    const consumed: ConsumedEvent[] = events.map((event, i) => ({
      event,
      topic,
      partition,
      offset: String(first + i),
    }));
    const ctx = {
      group: 'test',
      topic,
      partition,
      firstOffset: String(first),
      lastOffset: String(first + events.length - 1),
    };
    return { events: consumed, ctx };
  };
  return {
    at,
    next(events: DomainEvent<EventType>[]) {
      const batch = at(offset, events);
      offset += events.length;
      return batch;
    },
  };
}
