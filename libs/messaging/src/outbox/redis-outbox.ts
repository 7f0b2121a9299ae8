import { type EventEnvelope } from '@platform/contracts';
import { outgoingTraceparent } from '@platform/service-kit';
import { type ChainableCommander } from 'ioredis';

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
  const traceparent = outgoingTraceparent();
  for (const event of events) {
    const fields = [
      'topic',
      topic,
      'event',
      JSON.stringify(event),
      ...(traceparent ? ['traceparent', traceparent] : []),
    ];
    multi.xadd(stream, '*', ...fields);
  }
  return multi;
}
