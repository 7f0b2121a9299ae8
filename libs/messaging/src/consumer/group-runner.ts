import { type HealthCheck, type Metrics } from '@platform/service-kit';
import { type Consumer, type ConsumerConfig, type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { type Broker } from '../broker';
import { Publisher } from '../publisher';
import { ConsumerLag } from './consumer-lag';
import { deadLetter, deadLetterCounter, type DeadLetterReason } from './dead-letter';
import { startNewGroupAtEnd } from './start-position';
import { backoffDelay, DEFAULT_RETRY, type RetryOptions } from './retry-policy';

/** A crashed group's restarts: soon after a broker's restart, then every 30 s at most. */
const RESTART_BACKOFF: RetryOptions = { initialMs: 1000, maxMs: 30_000 };

/** What every consumer group runner takes (EventConsumer and BatchEventConsumer add their handlers). */
/** What one delivery did: handled, a duplicate the inbox skipped, a type not handled here, or dead-lettered. */
export type DeliveryOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered' | 'retry';

/** A message as the broker would hand it over, for `deliver` (a message pact has content, not a fetch). */
export function deliveredMessage(value: Buffer | string, offset: string): KafkaMessage {
  return {
    key: null,
    value: Buffer.isBuffer(value) ? value : Buffer.from(value),
    headers: {},
    offset,
    timestamp: String(Date.now()),
    attributes: 0,
  };
}

export interface GroupOptions {
  groupId: string;
  /** Logical topic names. */
  topics: string[];
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
  /** Registers `kafka_consumer_lag` and `kafka_dead_letters_total` in the service's registry. */
  metrics?: Metrics;
}

/**
 * The life of a consumer group shared by EventConsumer (one message at a time) and BatchEventConsumer
 * (a fetched batch at once): connect and subscribe (a new group starts at the end unless told otherwise),
 * `eachBatch` without auto-resolve, a health check, the dead-letter publisher, and the pause of a
 * partition until a retry after a capped backoff. Subclasses say what a batch is handled like.
 */
export abstract class GroupRunner {
  protected readonly consumer: Consumer;
  protected readonly retry: RetryOptions;
  protected readonly lag: ConsumerLag;
  private readonly dlq: Publisher;
  private readonly deadLetters: ReturnType<typeof deadLetterCounter>;
  /** Consecutive failures of the offset each partition is stuck on. */
  private readonly attempts = new Map<string, { offset: string; count: number }>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private running = false;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;

  protected constructor(
    protected readonly broker: Broker,
    private readonly group: GroupOptions,
    consumerConfig: Partial<ConsumerConfig> = {},
  ) {
    this.consumer = broker.createConsumer({
      groupId: group.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: group.maxWaitMs ?? 1000,
      ...consumerConfig,
    });
    // kafkajs restarts a crashed consumer itself unless it deems the error fatal, and a broker restart
    // can be one ("Failed to find group coordinator"): then the group starts itself again, with backoff
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.running = false;
      this.restartLater(1, payload.error);
    });
    this.dlq = new Publisher(broker);
    this.retry = { ...DEFAULT_RETRY, ...group.retry };
    this.lag = new ConsumerLag(group.groupId, group.metrics);
    this.deadLetters = deadLetterCounter(group.metrics);
  }

  /** What one fetched batch of one partition is handled like. */
  protected abstract onBatch(payload: EachBatchPayload): Promise<void>;

  async start(): Promise<void> {
    const topics = this.group.topics.map((t) => this.broker.topic(t));
    const fromBeginning = this.group.fromBeginning ?? false;
    if (!fromBeginning) await startNewGroupAtEnd(this.broker, this.group.groupId, topics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.group.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.running = true;
  }

  /** After a crash kafkajs gave up on: connect, subscribe and run again, until it works or stop(). */
  private restartLater(attempt: number, error: unknown): void {
    if (this.stopping) return;
    const delayMs = backoffDelay(attempt, RESTART_BACKOFF);
    this.broker.logger.warn('Consumer group stopped on an error; starting it again', {
      group: this.group.groupId,
      attempt,
      restart_in_ms: delayMs,
      error: error instanceof Error ? error.message : String(error),
    });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start().catch((err: unknown) => this.restartLater(attempt + 1, err));
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
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

  /** Copies the message to `<topic>.dlq` with the reason (a failure to do so throws: retry). */
  protected async toDlq(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    error: string,
  ): Promise<void> {
    this.broker.logger.warn('Event sent to the dead-letter topic', {
      topic,
      offset: message.offset,
      reason,
      error,
    });
    await deadLetter(this.dlq, { topic, partition, message, group: this.group.groupId }, reason, error);
    this.deadLetters.inc({ group: this.group.groupId, topic, reason });
  }

  /** The partition (physical topic name) got past the offset it was stuck on. */
  protected succeeded(physicalTopic: string, partition: number): void {
    this.attempts.delete(`${physicalTopic}:${partition}`);
  }

  /** Pauses the batch's partition; after the backoff the fetch starts again at `offset`. */
  protected pauseAndRetry({ batch, pause }: EachBatchPayload, offset: string): void {
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
