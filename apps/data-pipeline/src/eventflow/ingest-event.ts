import { MAX_EVENT_PAYLOAD_BYTES, TOPICS, type IngestEventRequest } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { Errors } from '@platform/service-kit';
import { DataErrors } from '../errors';
import { idOfKey } from '../idempotency-key';
import { type EventFlowDeps } from './eventflow-deps';
import { type ProducerIdentity } from './producers.repository';

/**
 * Accepts a producer's event: it is accepted once it is on Kafka with acks=all (the store consumer
 * writes it to PostgreSQL from there), so an "ACCEPTED" answer is never lost with this process. Kafka
 * unreachable: 503 after at most acceptTimeoutMs (kafkajs alone would retry for about a minute) and
 * nothing is claimed accepted; should kafkajs still get the event through later, it is stored under an
 * id the client never saw, and the client's retry makes it at-least-once, never lost.
 * Keyed by producer: one producer's events stay in order on one partition, and producers spread the load.
 * With an Idempotency-Key the event id is derived from the producer and the key, so a client that resends
 * after a 503 or a lost answer (the first attempt may have reached Kafka after all) is stored once.
 */
export async function ingestEvent(
  producer: ProducerIdentity,
  body: IngestEventRequest,
  deps: EventFlowDeps,
  idempotencyKey?: string,
) {
  const bytes = Buffer.byteLength(JSON.stringify(body.payload), 'utf8');
  if (bytes > MAX_EVENT_PAYLOAD_BYTES) throw DataErrors.eventPayloadTooLarge(MAX_EVENT_PAYLOAD_BYTES, bytes);
  const receivedAt = deps.now();
  const created = createEvent('EventFlowEventReceived', {
    aggregateId: producer.producerId,
    tenantId: producer.tenantId,
    occurredAt: receivedAt,
    data: {
      producer_id: producer.producerId,
      event_type: body.event_type,
      event_version: body.event_version,
      payload: body.payload,
      received_at: receivedAt.toISOString(),
    },
  });
  // a resend under the same key is the same event: the store's primary key keeps the first one only
  const event = idempotencyKey
    ? { ...created, event_id: idOfKey(producer.producerId, idempotencyKey) }
    : created;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no acks=all within ${deps.acceptTimeoutMs} ms`)),
      deps.acceptTimeoutMs,
    );
  });
  try {
    const message = { topic: TOPICS.eventflowEvents, event, key: producer.producerId };
    await Promise.race([deps.publish(message), timeout]);
  } catch (err) {
    deps.logger.warn('EventFlow event not accepted: Kafka did not take it', {
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    throw Errors.unavailable(
      'The event store is unavailable; the event was not accepted, send it again',
      err,
    );
  } finally {
    clearTimeout(timer);
  }
  return { event_id: event.event_id, status: 'ACCEPTED' as const, received_at: receivedAt.toISOString() };
}
