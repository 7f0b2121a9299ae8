import { z } from 'zod';

/**
 * The Kafka message value of every domain event (docs/architecture.md, seed 000 `DomainEvent`).
 * `event_id` is the idempotency key consumers deduplicate on; the Kafka key is `aggregate_id`.
 */
export const EventEnvelopeSchema = z.object({
  event_id: z.uuid(),
  event_type: z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'PascalCase event type'),
  aggregate_id: z.string().min(1).max(128),
  aggregate_type: z.string().min(1).max(64),
  occurred_at: z.iso.datetime({ offset: false }),
  version: z.number().int().positive(),
  tenant_id: z.string().min(1).max(128).optional(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope<TData = Record<string, unknown>, TType extends string = string> = Omit<
  z.infer<typeof EventEnvelopeSchema>,
  'data' | 'event_type'
> & { event_type: TType; data: TData };

/** Headers every published event carries besides its value. */
export const EVENT_HEADERS = { eventType: 'event_type', traceparent: 'traceparent' } as const;
