import { EVENT_HEADERS, type DomainEvent, type EventType } from '@platform/contracts';
import { type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { type Broker } from '../broker';
import { inBatchSpan } from '../tracing';
import { decodeEvent } from './decode-event';
import { deliveredMessage, GroupRunner, type DeliveryOutcome, type GroupOptions } from './group-runner';
import { describeFailure, isRetriable } from './retry-policy';

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

export interface BatchConsumerOptions extends GroupOptions {
  /** The event types handed to the handler; other well-formed events are skipped. */
  types: EventType[];
  handler: BatchHandler;
  /** Largest fetch per partition (kafkajs default 1 MB): larger batches make fewer, larger files. */
  maxBytesPerPartition?: number;
}

/**
 * A consumer group whose handler takes a whole fetched batch at once (a Parquet writer wants rows by
 * the thousand, not one by one). Messages are decoded and validated as EventConsumer does: poison goes
 * to `<topic>.dlq` and the batch goes on without it. The batch's offsets are resolved and committed only
 * after the handler succeeded; a retriable failure pauses the partition and the whole batch is fetched
 * and handed over again after a capped backoff; a non-retriable one dead-letters the batch's events.
 */
export class BatchEventConsumer extends GroupRunner {
  private readonly wanted: Set<string>;

  constructor(
    broker: Broker,
    private readonly opts: BatchConsumerOptions,
  ) {
    super(broker, opts, {
      maxBytesPerPartition: opts.maxBytesPerPartition,
      maxBytes: Math.max(10 * 1024 * 1024, (opts.maxBytesPerPartition ?? 0) * 4),
    });
    this.wanted = new Set(opts.types);
  }

  /**
   * One message through this group's decoding, validation and handler as a batch of one from `topic`
   * (poison to the real `<topic>.dlq`): what a message pact exercises. A handler failure throws.
   * `traceparent`: the header it would carry (the handler runs in a child span of it).
   */
  async deliver(
    topic: string,
    value: Buffer | string,
    offset = '0',
    traceparent?: string,
  ): Promise<DeliveryOutcome> {
    const message = deliveredMessage(value, offset);
    const decoded = decodeEvent(message.value, (type) => this.wanted.has(type));
    if (decoded.kind === 'ignored') return 'ignored';
    if (decoded.kind === 'poison') {
      await this.toDlq(topic, 0, message, decoded.reason, decoded.error);
      return 'dead-lettered';
    }
    const event = decoded.event as DomainEvent<EventType>;
    const ctx = { group: this.opts.groupId, topic, partition: 0, firstOffset: offset, lastOffset: offset };
    await inBatchSpan(topic, [traceparent], () =>
      this.opts.handler([{ event, topic, partition: 0, offset }], ctx),
    );
    return 'handled';
  }

  protected async onBatch(payload: EachBatchPayload): Promise<void> {
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
      // one CONSUMER span for the handler call: the trace of its events (linked when several)
      const traceparents = batch.messages.map((m) => m.headers?.[EVENT_HEADERS.traceparent]?.toString());
      if (events.length > 0) await inBatchSpan(topic, traceparents, () => this.opts.handler(events, ctx));
    } catch (err) {
      // a failed dead-letter publish is ours, never the batch's: it is retried like an outage
      const retry = isRetriable(err) || !(await this.deadLetterAll(events, batch.messages, err));
      if (retry) {
        this.broker.logger.warn('Batch failed retriably', { topic, error: describeFailure(err) });
        this.pauseAndRetry(payload, ctx.firstOffset);
        return; // nothing resolved: after the resume the fetch starts at the batch's first message again
      }
    }
    this.succeeded(batch.topic, batch.partition);
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
}
