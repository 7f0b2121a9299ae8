import { randomUUID } from 'node:crypto';
import { EVENT_HEADERS, type DomainEvent, type EventType } from '@platform/contracts';
import { runWithContext, traceFrom, type HealthCheck, type Metrics } from '@platform/service-kit';
import { type Consumer, type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { type Broker } from '../broker';
import { type EventHandler, type HandlerContext } from '../inbox/inbox';
import { Publisher } from '../publisher';
import { ConsumerLag } from './consumer-lag';
import { deadLetter, type DeadLetterReason } from './dead-letter';
import { decodeEvent } from './decode-event';
import { startNewGroupAtEnd } from './start-position';
import { backoffDelay, DEFAULT_RETRY, describeFailure, isRetriable, type RetryOptions } from './retry-policy';

/**
 * A handler per event type. Wrap it in an inbox (`PgInbox`, `RedisInbox`, `MongoInbox`, `LeaseInbox`)
 * for its effect to happen once per `event_id`: the consumer itself delivers at least once.
 */
export type EventHandlers = { [T in EventType]?: EventHandler<DomainEvent<T>> };

export interface ConsumerOptions {
  groupId: string;
  /** Logical topic names. */
  topics: string[];
  handlers: EventHandlers;
  /** Backoff of retriable failures (the partition waits, in order); defaults 1 s doubling to 5 min. */
  retry?: Partial<RetryOptions>;
  /** Partitions handled at the same time (order holds within each partition, so per key). */
  partitionsConsumedConcurrently?: number;
  /**
   * Where a brand-new group starts; existing groups always continue from their committed offsets.
   * Default false (the latest offset), so a renamed group does not replay the whole retention.
   */
  fromBeginning?: boolean;
  /**
   * Longest a fetch waits for new messages (kafkajs default 5 s). A resumed partition is fetched again
   * only with the next fetch, so this also bounds how late a retry starts after its backoff.
   */
  maxWaitMs?: number;
  /** Registers `kafka_consumer_lag` in the service's registry. */
  metrics?: Metrics;
}

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered' | 'retry';

/**
 * Runs a consumer group. Each message is parsed and validated against the contract and handed to its
 * handler. A retriable failure (outage, timeout) pauses that partition and tries the same message again
 * after a capped exponential backoff, for as long as it takes, so order per key holds and nothing is
 * dead-lettered for an outage; anything else (bad JSON or envelope, unknown version, invalid data, a
 * non-retriable AppError) goes to `<topic>.dlq` at once and the partition moves on.
 *
 * Why eachBatch and not "pause, then throw from eachMessage": a throw goes through kafkajs' own retrier,
 * which stalls every partition of the consumer and after a few failures restarts the whole group.
 * Here the failed message is simply not resolved: the batch ends, its predecessors are committed, and
 * after the resume the fetch starts again at the failed message.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlq: Publisher;
  private readonly retry: RetryOptions;
  private readonly lag: ConsumerLag;
  /** Consecutive failures of the message each partition is stuck on. */
  private readonly attempts = new Map<string, { offset: string; count: number }>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private running = false;

  constructor(
    private readonly broker: Broker,
    private readonly opts: ConsumerOptions,
  ) {
    this.consumer = broker.createConsumer({
      groupId: opts.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: opts.maxWaitMs ?? 1000,
    });
    // kafkajs restarts a crashed consumer itself unless the error is fatal; then we are no longer running
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.running = false;
    });
    this.dlq = new Publisher(broker);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.lag = new ConsumerLag(opts.groupId, opts.metrics);
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

  healthCheck(name = 'consumer'): HealthCheck {
    return {
      name,
      critical: true,
      check: async () => {
        if (!this.running) throw new Error('consumer is not running');
      },
    };
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      const outcome = await this.onMessage(batch.topic, batch.partition, message);
      if (outcome === 'retry') {
        this.pauseAndRetry(payload, message.offset);
        return; // not resolved: after the resume the fetch starts at this message again
      }
      resolveOffset(message.offset);
      this.lag.record(batch.topic, batch.partition, batch.highWatermark, String(Number(message.offset) + 1));
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
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

  private async onMessage(physical: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    const topic = this.broker.logical(physical);
    const traceparent = message.headers?.[EVENT_HEADERS.traceparent]?.toString();
    const ctx = { request_id: randomUUID(), ...traceFrom(traceparent) };
    return runWithContext(ctx, async () => {
      // a failure here is ours (the dead-letter topic unreachable), never the message's: try again
      const outcome = await this.process(topic, partition, message).catch((err: unknown): Outcome => {
        this.broker.logger.error('Event could not be processed', { topic, error: describeFailure(err) });
        return 'retry';
      });
      if (outcome !== 'retry') this.attempts.delete(`${physical}:${partition}`);
      this.broker.logger.debug('Event consumed', { topic, offset: message.offset, outcome });
      return outcome;
    });
  }

  private async process(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    const toDlq = async (reason: DeadLetterReason, error: string): Promise<Outcome> => {
      this.broker.logger.warn('Event sent to the dead-letter topic', {
        topic,
        offset: message.offset,
        reason,
        error,
      });
      await deadLetter(this.dlq, { topic, partition, message, group: this.opts.groupId }, reason, error);
      return 'dead-lettered';
    };

    const decoded = decodeEvent(message.value, (type) => !!this.opts.handlers[type as EventType]);
    if (decoded.kind === 'ignored') return 'ignored';
    if (decoded.kind === 'poison') return toDlq(decoded.reason, decoded.error);
    const handler = this.opts.handlers[decoded.type] as EventHandler<unknown>;

    const handlerCtx: HandlerContext = { group: this.opts.groupId, topic, partition, offset: message.offset };
    try {
      const result = await handler(decoded.event, handlerCtx);
      return result === 'duplicate' ? 'duplicate' : 'handled';
    } catch (err) {
      if (isRetriable(err)) {
        const error = describeFailure(err);
        this.broker.logger.warn('Event handler failed retriably', { topic, offset: message.offset, error });
        return 'retry';
      }
      return toDlq('handler_failed', describeFailure(err));
    }
  }
}
