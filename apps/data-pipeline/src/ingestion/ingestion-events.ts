import { randomUUID } from 'node:crypto';
import { TOPICS, type InteractionRecord, type ItemRecord } from '@platform/contracts';
import { createEvent, type OutgoingMessage } from '@platform/messaging';

export type InteractionSource = 'api' | 'batch';

/**
 * One accepted interaction as `InteractionIngested`: its event id is the interaction id (the writer
 * deduplicates on it), new unless the caller derived it from an Idempotency-Key; a missing timestamp is
 * the time of ingestion, and the Kafka key keeps one user's interactions of one tenant in order.
 */
export function interactionMessage(
  tenantId: string,
  record: InteractionRecord,
  source: InteractionSource,
  now: Date,
  interactionId: string = randomUUID(),
): OutgoingMessage {
  const { timestamp, ...rest } = record;
  const event = createEvent('InteractionIngested', {
    aggregateId: interactionId,
    tenantId,
    occurredAt: now,
    data: { ...rest, interaction_id: interactionId, timestamp: timestamp ?? now.toISOString(), source },
  });
  return {
    topic: TOPICS.interactionsIngested,
    event: { ...event, event_id: interactionId },
    key: `${tenantId}:${record.user_id}`,
  };
}

/** One accepted item as `ItemIngested`, keyed by tenant and item (the latest version of an item wins). */
export function itemMessage(tenantId: string, record: ItemRecord, now: Date): OutgoingMessage {
  const event = createEvent('ItemIngested', {
    aggregateId: record.item_id,
    tenantId,
    occurredAt: now,
    data: { ...record, received_at: now.toISOString() },
  });
  return { topic: TOPICS.itemsIngested, event, key: `${tenantId}:${record.item_id}` };
}

/** The interaction id of a message built by interactionMessage. */
export const interactionIdOf = (m: OutgoingMessage): string => m.event.event_id;
