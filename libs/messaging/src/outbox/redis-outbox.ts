import { type EventEnvelope } from '@platform/contracts';
import { outgoingTraceparent } from '@platform/service-kit';
import { type ChainableCommander } from 'ioredis';

/** One Redis command as `[command, ...args]`: what a RedisInbox handler returns. */
export type OutboxCommand = [string, ...string[]];

/**
 * The `XADD` commands that put events in the outbox stream, for a write that is not a MULTI: a
 * RedisInbox handler returns them beside its state change, and its script applies both or neither.
 *
 *   inbox.handle(async (event) => [['HINCRBY', key, 'paid', 1], ...outboxCommands(stream, topic, [next])])
 */
export function outboxCommands(stream: string, topic: string, events: EventEnvelope[]): OutboxCommand[] {
  const traceparent = outgoingTraceparent();
  return events.map((event) => [
    'XADD',
    stream,
    '*',
    'topic',
    topic,
    'event',
    JSON.stringify(event),
    ...(traceparent ? ['traceparent', traceparent] : []),
  ]);
}

/**
 * Appends events to the outbox stream inside the caller's MULTI, beside the state change they describe:
 * both are applied by one EXEC or neither is.
 *
 *   const tx = redis.multi().hset(`cart:${id}`, …);
 *   await appendEvents(tx, 'cart-service:outbox', 'cart.events', [event]).exec();
 */
export function appendEvents(
  multi: ChainableCommander,
  stream: string,
  topic: string,
  events: EventEnvelope[],
): ChainableCommander {
  for (const [, key, id, ...fields] of outboxCommands(stream, topic, events)) multi.xadd(key, id, ...fields);
  return multi;
}
