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
 * They are published if, and only if, that write happens. Then hint the relay to the document
 * (MongoOutbox.hint), or it finds the events only at its next sweep.
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

/** Where an event the broker keeps refusing is kept, in its aggregate document, for a person. */
export const MONGO_PARKED_FIELD = 'outbox_parked';

interface OutboxDoc {
  [MONGO_OUTBOX_FIELD]?: MongoOutboxEntry[];
  [MONGO_PARKED_FIELD]?: (MongoOutboxEntry & { error?: string; parked_at?: Date })[];
}

/**
 * Publishes a document's parked events again, once their cause is fixed: they go back in front of
 * its pending events, in their order, and the relay resumes the document. A conditional write on what
 * was read (FerretDB ignores `$position`), retried if the document changed meanwhile. The relay
 * publishes them at its next sweep; MongoOutbox.releaseParked also hints it at once.
 */
export async function releaseParkedEvents(
  collection: {
    findOne: (f: object) => Promise<unknown>;
    updateOne: (f: object, u: object) => Promise<{ matchedCount: number }>;
  },
  id: unknown,
): Promise<number> {
  for (;;) {
    const doc = (await collection.findOne({ _id: id })) as OutboxDoc | null;
    const parked = doc?.[MONGO_PARKED_FIELD] ?? [];
    if (!parked.length) return 0;
    const pending = doc?.[MONGO_OUTBOX_FIELD] ?? [];
    const released = parked.map(({ error: _e, parked_at: _p, ...entry }) => entry);
    const { matchedCount } = await collection.updateOne(
      {
        _id: id,
        [MONGO_OUTBOX_FIELD]: doc?.[MONGO_OUTBOX_FIELD] ?? { $exists: false },
        [MONGO_PARKED_FIELD]: parked,
      },
      { $set: { [MONGO_OUTBOX_FIELD]: [...released, ...pending] }, $unset: { [MONGO_PARKED_FIELD]: '' } },
    );
    if (matchedCount) return released.length;
  }
}
