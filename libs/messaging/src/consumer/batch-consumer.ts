import { type DomainEvent, type EventType } from '@platform/contracts';
import { type HealthCheck, type Metrics } from '@platform/service-kit';
import { type Consumer, type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { type Broker } from '../broker';
import { Publisher } from '../publisher';
import { ConsumerLag } from './consumer-lag';
import { deadLetter, type DeadLetterReason } from './dead-letter';
import { decodeEvent } from './decode-event';
import { startNewGroupAtEnd } from './start-position';
import { backoffDelay, DEFAULT_RETRY, describeFailure, isRetriable, type RetryOptions } from './retry-policy';

/** One valid event of a fetched batch, with where it came from. */
export interface ConsumedEvent {
  event: DomainEvent<EventType>;
  /** Logical topic name. */
  topic: string;
  partition: number;
  offset: string;
}

/** The batch a handler call covers: one partition's fetch, offsets `firstOffset`…`lastOffset` included. */
export interface BatchContext {
  group: string;
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

export type BatchHandler = (events: ConsumedEvent[], ctx: BatchContext) => Promise<void>;

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  /** The event types handed to the handler; other well-formed events are skipped. */
  types: EventType[];
  handler: BatchHandler;
  retry?: Partial<RetryOptions>;
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
  maxWaitMs?: number;
  /** Largest fetch per partition (kafkajs default 1 MB): larger batches make fewer, larger files. */
  maxBytesPerPartition?: number;
  metrics?: Metrics;
}

/**
 * A consumer group whose handler takes a whole fetched batch at once (a Parquet writer wants rows by
 * the thousand, not one by one). Messages are decoded and validated as EventConsumer does: poison goes
 * to `<topic>.dlq` and the batch goes on without it. The batch's offsets are resolved and committed only
 * after the handler succeeded; a retriable failure pauses the partition and the whole batch is fetched
 * and handed over again after a capped backoff; a non-retriable one dead-letters the batch's events.
 */
export class BatchEventConsumer {
  private readonly consumer: Consumer;
  private readonly dlq: Publisher;
  private readonly retry: RetryOptions;
  private readonly lag: ConsumerLag;
  private readonly wanted: Set<string>;
  private readonly attempts = new Map<string, { offset: string; count: number }>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private running = false;

  constructor(
    private readonly broker: Broker,
    private readonly opts: BatchConsumerOptions,
  ) {
    this.consumer = broker.createConsumer({
      groupId: opts.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: opts.maxWaitMs ?? 1000,
      maxBytesPerPartition: opts.maxBytesPerPartition,
      maxBytes: Math.max(10 * 1024 * 1024, (opts.maxBytesPerPartition ?? 0) * 4),
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.running = false;
    });
    this.dlq = new Publisher(broker);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.lag = new ConsumerLag(opts.groupId, opts.metrics);
    this.wanted = new Set(opts.types);
  }

  async start(): Promise<void> {
    const topics = this.opts.topics.map((t) => this.broker.topic(t));
    const fromBeginning = this.opts.fromBeginning ?? false;
    if (!fromBeginning) await startNewGroupAtEnd(this.broker, this.opts.groupId, topics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer.disconnect();
    await this.dlq.disconnect();
  }

  healthCheck(name = 'consumer', critical = true): HealthCheck {
    return {
      name,
      critical,
      check: async () => {
        if (!this.running) throw new Error('consumer is not running');
      },
    };
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    if (batch.isEmpty() || !isRunning() || isStale()) return;
    const topic = this.broker.logical(batch.topic);
    const ctx: BatchContext = {
      group: this.opts.groupId,
      topic,
      partition: batch.partition,
      firstOffset: batch.firstOffset() ?? batch.messages[0].offset,
      lastOffset: batch.lastOffset(),
    };
    let events: ConsumedEvent[] = [];
    try {
      events = await this.decodeAll(topic, batch.partition, batch.messages);
      if (events.length > 0) await this.opts.handler(events, ctx);
    } catch (err) {
      // a failed dead-letter publish is ours, never the batch's: it is retried like an outage
      const retry = isRetriable(err) || !(await this.deadLetterAll(events, batch.messages, err));
      if (retry) {
        this.broker.logger.warn('Batch failed retriably', { topic, error: describeFailure(err) });
        this.pauseAndRetry(payload, ctx.firstOffset);
        return; // nothing resolved: after the resume the fetch starts at the batch's first message again
      }
    }
    this.attempts.delete(`${batch.topic}:${batch.partition}`);
    if (!isRunning() || isStale()) return;
    resolveOffset(ctx.lastOffset);
    this.lag.record(batch.topic, batch.partition, batch.highWatermark, String(Number(ctx.lastOffset) + 1));
    await commitOffsetsIfNecessary();
    await heartbeat();
  }

  /** The batch's valid events; poison ones are dead-lettered on the way (a DLQ failure throws: retry). */
  private async decodeAll(topic: string, partition: number, messages: KafkaMessage[]) {
    const events: ConsumedEvent[] = [];
    for (const message of messages) {
      const decoded = decodeEvent(message.value, (type) => this.wanted.has(type));
      if (decoded.kind === 'ignored') continue;
      if (decoded.kind === 'poison') {
        await this.toDlq(topic, partition, message, decoded.reason, decoded.error);
        continue;
      }
      events.push({
        event: decoded.event as DomainEvent<EventType>,
        topic,
        partition,
        offset: message.offset,
      });
    }
    return events;
  }

  /** Dead-letters the events a handler refused for good; false when the dead-letter topic failed. */
  private async deadLetterAll(events: ConsumedEvent[], messages: KafkaMessage[], err: unknown) {
    if (events.length === 0) return false;
    const byOffset = new Map(messages.map((m) => [m.offset, m]));
    try {
      for (const e of events)
        await this.toDlq(
          e.topic,
          e.partition,
          byOffset.get(e.offset)!,
          'handler_failed',
          describeFailure(err),
        );
      return true;
    } catch {
      return false;
    }
  }

  private async toDlq(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    error: string,
  ) {
    this.broker.logger.warn('Event sent to the dead-letter topic', {
      topic,
      offset: message.offset,
      reason,
      error,
    });
    await deadLetter(this.dlq, { topic, partition, message, group: this.opts.groupId }, reason, error);
  }

  private pauseAndRetry({ batch, pause }: EachBatchPayload, offset: string): void {
    const key = `${batch.topic}:${batch.partition}`;
    const previous = this.attempts.get(key);
    const count = previous?.offset === offset ? previous.count + 1 : 1;
    this.attempts.set(key, { offset, count });
    const delay = backoffDelay(count, this.retry);
    this.lag.record(batch.topic, batch.partition, batch.highWatermark, offset);
    this.broker.logger.warn('Partition paused until the retry', {
      topic: this.broker.logical(batch.topic),
      partition: batch.partition,
      offset,
      attempt: count,
      retry_in_ms: delay,
    });
    const resume = pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delay);
    this.resumeTimers.add(timer);
  }
}
