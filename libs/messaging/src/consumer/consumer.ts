import { randomUUID } from 'node:crypto';
import {
  EVENT_HEADERS,
  EventEnvelopeSchema,
  eventSchema,
  isKnownEventType,
  type DomainEvent,
  type EventType,
} from '@platform/contracts';
import { runWithContext, toAppError, traceFrom, type HealthCheck } from '@platform/service-kit';
import { backOff } from 'exponential-backoff';
import { type Consumer, type EachMessagePayload } from 'kafkajs';
import { type Broker } from '../broker';
import { Publisher } from '../publisher';
import { deadLetter, type DeadLetterReason } from './dead-letter';
import { type IdempotencyStore } from './idempotency';

export type EventHandlers = { [T in EventType]?: (event: DomainEvent<T>) => Promise<void> };

export interface ConsumerOptions {
  groupId: string;
  /** Logical topic names. */
  topics: string[];
  handlers: EventHandlers;
  idempotency: IdempotencyStore;
  /** Attempts for a retriable failure before the event goes to the DLQ. */
  retry?: { attempts: number; initialMs: number; maxMs: number };
  /** Where a brand-new group starts; existing groups continue from their committed offsets. */
  fromBeginning?: boolean;
}

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered';

/**
 * Runs a consumer group: every message is parsed and validated against the contract, handled once per
 * `event_id`, retried with exponential backoff while the failure is retriable, and sent to
 * `<topic>.dlq` otherwise, so one poison message never stops the partition.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlq: Publisher;
  private readonly retry: NonNullable<ConsumerOptions['retry']>;
  private running = false;

  constructor(
    private readonly broker: Broker,
    private readonly opts: ConsumerOptions,
  ) {
    this.consumer = broker.createConsumer({ groupId: opts.groupId, allowAutoTopicCreation: false });
    // kafkajs restarts a crashed consumer itself unless the error is fatal; then we are no longer running
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.running = false;
    });
    this.dlq = new Publisher(broker);
    this.retry = opts.retry ?? { attempts: 4, initialMs: 200, maxMs: 5000 };
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.opts.topics.map((t) => this.broker.topic(t)),
      fromBeginning: this.opts.fromBeginning ?? true,
    });
    await this.consumer.run({ eachMessage: (payload) => this.onMessage(payload) });
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
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

  private async onMessage({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const logical = this.broker.logical(topic);
    const traceparent = message.headers?.[EVENT_HEADERS.traceparent]?.toString();
    const ctx = { request_id: randomUUID(), ...traceFrom(traceparent) };
    await runWithContext(ctx, async () => {
      const outcome = await this.process(logical, partition, message);
      this.broker.logger.debug('Event consumed', { topic: logical, offset: message.offset, outcome });
    });
  }

  private async process(
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
  ): Promise<Outcome> {
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

    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (err) {
      return toDlq('malformed_json', (err as Error).message);
    }
    const envelope = EventEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return toDlq('invalid_envelope', envelope.error.message);

    const { event_type: type, event_id: eventId } = envelope.data;
    const handler = isKnownEventType(type) ? this.opts.handlers[type] : undefined;
    if (!handler || !isKnownEventType(type)) return 'ignored'; // another consumer's business

    const event = eventSchema(type).safeParse(raw);
    if (!event.success) return toDlq('invalid_data', event.error.message);

    // An outage of the idempotency store throws here: kafkajs then redelivers, nothing is lost.
    if (await this.opts.idempotency.seen(this.opts.groupId, eventId)) return 'duplicate';

    const failure = await this.handleWithRetries(() =>
      (handler as (e: unknown) => Promise<void>)(event.data),
    );
    if (failure) return toDlq('handler_failed', failure);
    await this.opts.idempotency.remember(this.opts.groupId, eventId);
    return 'handled';
  }

  /** Resolves undefined on success, or the last error once retrying is pointless. */
  private async handleWithRetries(handle: () => Promise<void>): Promise<string | undefined> {
    const { attempts, initialMs, maxMs } = this.retry;
    try {
      await backOff(handle, {
        numOfAttempts: attempts,
        startingDelay: initialMs,
        maxDelay: maxMs,
        jitter: 'full',
        retry: (err: unknown, next: number) => {
          const appError = toAppError(err);
          if (appError.retriable)
            this.broker.logger.warn('Event handler failed, retrying', { attempt: next, code: appError.code });
          return appError.retriable;
        },
      });
      return undefined;
    } catch (err) {
      const appError = toAppError(err);
      return `${appError.code}: ${appError.message}`;
    }
  }
}
