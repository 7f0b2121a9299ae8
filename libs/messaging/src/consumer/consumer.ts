import { randomUUID } from 'node:crypto';
import { EVENT_HEADERS, type DomainEvent, type EventType } from '@platform/contracts';
import { runWithContext, traceFrom } from '@platform/service-kit';
import { type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { type Broker } from '../broker';
import { inConsumerSpan } from '../tracing';
import { type EventHandler, type HandlerContext } from '../inbox/inbox';
import { type DeadLetterReason } from './dead-letter';
import { decodeEvent } from './decode-event';
import { deliveredMessage, GroupRunner, type DeliveryOutcome, type GroupOptions } from './group-runner';
import { describeFailure, isRetriable } from './retry-policy';

/**
 * A handler per event type. Wrap it in an inbox (`PgInbox`, `RedisInbox`, `MongoInbox`, `LeaseInbox`)
 * for its effect to happen once per `event_id`: the consumer itself delivers at least once.
 */
export type EventHandlers = { [T in EventType]?: EventHandler<DomainEvent<T>> };

export interface ConsumerOptions extends GroupOptions {
  handlers: EventHandlers;
}

type Outcome = DeliveryOutcome;

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
export class EventConsumer extends GroupRunner {
  constructor(
    broker: Broker,
    private readonly opts: ConsumerOptions,
  ) {
    super(broker, opts);
  }

  /**
   * One message through this group's decoding, validation, handler and inbox, as a fetch from `topic`
   * would hand it over (a dead letter goes to the real `<topic>.dlq`): what a message pact exercises.
   * `traceparent`: the header it would carry (its handler runs in a child span of it).
   */
  deliver(
    topic: string,
    value: Buffer | string,
    offset = '0',
    traceparent?: string,
  ): Promise<DeliveryOutcome> {
    const message = deliveredMessage(value, offset);
    if (traceparent) message.headers = { [EVENT_HEADERS.traceparent]: traceparent };
    return this.process(topic, 0, message);
  }

  protected async onBatch(payload: EachBatchPayload): Promise<void> {
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
      if (outcome !== 'retry') this.succeeded(physical, partition);
      this.broker.logger.debug('Event consumed', { topic, offset: message.offset, outcome });
      return outcome;
    });
  }

  /** In a CONSUMER span, child of the `traceparent` header: the handler's work joins the writer's trace. */
  private process(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    const traceparent = message.headers?.[EVENT_HEADERS.traceparent]?.toString();
    const attributes = {
      'messaging.kafka.offset': message.offset,
      'messaging.destination.partition.id': String(partition),
      'messaging.consumer.group.name': this.opts.groupId,
      event_type: message.headers?.[EVENT_HEADERS.eventType]?.toString(),
    };
    return inConsumerSpan(topic, traceparent, attributes, () => this.handle(topic, partition, message));
  }

  private async handle(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    const deadLettered = async (reason: DeadLetterReason, error: string): Promise<Outcome> => {
      await this.toDlq(topic, partition, message, reason, error);
      return 'dead-lettered';
    };

    const decoded = decodeEvent(message.value, (type) => !!this.opts.handlers[type as EventType]);
    if (decoded.kind === 'ignored') return 'ignored';
    if (decoded.kind === 'poison') return deadLettered(decoded.reason, decoded.error);
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
      return deadLettered('handler_failed', describeFailure(err));
    }
  }
}
