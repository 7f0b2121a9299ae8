import { type EventEnvelope } from '@platform/contracts';
import { outgoingTraceparent } from '@platform/service-kit';

/** The array of pending events in an aggregate document. */
export const MONGO_OUTBOX_FIELD = 'outbox';

/** One pending event, as kept in its aggregate document until the relay has published it. */
export interface MongoOutboxEntry {
  topic: string;
  event: EventEnvelope;
  traceparent?: string;
  /** When it was written: the age of the oldest pending event is exported as a gauge. */
  at: Date;
}

type Update = Record<string, unknown>;

/**
 * Adds events to the caller's update of the aggregate document, so the state change and its events are
 * one single-document write (atomic on MongoDB and FerretDB alike, no transaction needed):
 *
 *   await orders.updateOne({ _id, version }, withEvents({ $set: { status: 'paid' } }, 'order.events', [event]))
 *
 * They are published if, and only if, that write happens.
 */
export function withEvents(update: Update, topic: string, events: EventEnvelope[]): Update {
  if (!events.length) return update;
  const traceparent = outgoingTraceparent();
  const at = new Date();
  const entries: MongoOutboxEntry[] = events.map((event) => ({
    topic,
    event,
    ...(traceparent ? { traceparent } : {}),
    at,
  }));
  const push = (update.$push ?? {}) as Update;
  if (MONGO_OUTBOX_FIELD in push)
    throw new Error(`withEvents: the update already pushes to ${MONGO_OUTBOX_FIELD}`);
  return { ...update, $push: { ...push, [MONGO_OUTBOX_FIELD]: { $each: entries } } };
}
