import { randomUUID } from 'node:crypto';
import { type ConsumerListResponse, type EventFlowConsumer } from '@platform/contracts';
import { DataErrors } from '../errors';
import { type ConsumerRecord } from './consumers.repository';
import { decodeConsumerCursor, encodeConsumerCursor } from './event-cursors';
import { type EventFlowDeps } from './eventflow-deps';

const view = (c: ConsumerRecord): EventFlowConsumer => ({
  consumer_id: c.id,
  name: c.name,
  subscribed_event_types: c.eventTypes,
  cursor: encodeConsumerCursor({ consumerId: c.id, seq: c.committedSeq }),
  created_at: c.createdAt.toISOString(),
});

/** The tenant's consumers, newest first, with their committed cursor and when it last moved. */
export async function listConsumers(
  tenantId: string,
  page: { limit: number; offset: number },
  deps: EventFlowDeps,
): Promise<ConsumerListResponse> {
  const { consumers, total } = await deps.consumers.list(tenantId, page);
  return {
    consumers: consumers.map((c) => ({ ...view(c), committed_at: c.committedAt?.toISOString() ?? null })),
    total,
  };
}

async function consumerOf(tenantId: string, id: string, deps: EventFlowDeps): Promise<ConsumerRecord> {
  const consumer = await deps.consumers.get(tenantId, id);
  if (!consumer) throw DataErrors.consumerNotFound();
  return consumer;
}

/**
 * A new consumer with a cursor of its own: after the tenant's newest stored event ('latest'; events
 * accepted but not yet stored still come), or before the first ('earliest').
 */
export async function registerConsumer(
  tenantId: string,
  body: { name: string; subscribed_event_types: string[]; start: 'latest' | 'earliest' },
  deps: EventFlowDeps,
): Promise<EventFlowConsumer> {
  const startSeq = body.start === 'earliest' ? '0' : await deps.events.lastSeq(tenantId);
  const types = [...new Set(body.subscribed_event_types)];
  const record = await deps.consumers.create({
    id: randomUUID(),
    tenantId,
    name: body.name,
    eventTypes: types,
    startSeq,
  });
  return view(record);
}

/**
 * The next events of the consumer's types after its committed cursor. Nothing moves until it commits,
 * so the same events come again (at-least-once); `next_cursor` is what to commit once they are handled.
 * Positions within a tenant become visible in order (events.repository.ts), so reading "after seq"
 * never skips an event that is stored later.
 */
export async function nextEvents(tenantId: string, id: string, limit: number, deps: EventFlowDeps) {
  const consumer = await consumerOf(tenantId, id, deps);
  const rows = await deps.events.after(tenantId, consumer.eventTypes, consumer.committedSeq, limit);
  const last = rows[rows.length - 1];
  const seq = last ? last.seq : consumer.committedSeq;
  if (last) await deps.consumers.delivered(id, last.seq);
  return { events: rows.map((r) => r.event), next_cursor: encodeConsumerCursor({ consumerId: id, seq }) };
}

/**
 * Commits a cursor: 400 for one that is not this consumer's, 409 for one beyond what was handed out;
 * an older cursor than the committed one changes nothing (a retried commit is harmless).
 */
export async function commitCursor(tenantId: string, id: string, cursor: string, deps: EventFlowDeps) {
  await consumerOf(tenantId, id, deps);
  const position = decodeConsumerCursor(cursor);
  if (!position) throw DataErrors.invalidCursor('Not a consumer cursor');
  if (position.consumerId !== id) throw DataErrors.invalidCursor('This cursor belongs to another consumer');
  const committed = await deps.consumers.commit(id, position.seq);
  if (!committed) throw DataErrors.cursorNotDelivered();
  return { consumer_id: id, cursor: encodeConsumerCursor({ consumerId: id, seq: committed.committedSeq }) };
}
