import { MatchersV3 } from '@pact-foundation/pact';

const { datetime, regex, uuid } = MatchersV3;

/** What EventEnvelopeSchema's `occurred_at` (and every `*_at` of the events' data) accepts: UTC, no offset. */
export const ISO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';

/** An ISO-8601 UTC time: the example is fixed (a stable pact file), the provider's real time only has to match. */
export const isoTime = (example = '2026-01-01T10:00:00.000Z') => regex(ISO_TIME, example);

/**
 * The same time as Pact's `datetime` matcher (a format, not a regex): the order.events pacts of
 * notification-worker and payment-service were written with it, and a refactor keeps their contracts.
 */
export const isoTimestamp = (example = '2026-01-01T10:00:00.000Z') =>
  datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", example);

/** A matcher, or a plain value that must be matched exactly. */
type Template = unknown;

export interface EnvelopeExample {
  /** The example event id (a uuid: consumers deduplicate on it). */
  eventId: string;
  /** PascalCase, matched exactly: it selects the consumer's schema. */
  eventType: string;
  /** A uuid string is matched as a uuid; pass a matcher for another shape (`like`, `regex`). */
  aggregateId: Template;
  aggregateType: string;
  /** Default `isoTime()`. */
  occurredAt?: Template;
  /** Default 1, exactly: a version the consumer does not know is dead-lettered, not guessed at. */
  version?: Template;
  /** A uuid string is matched as a uuid, a matcher as itself; left out, the envelope has no tenant (it is optional). */
  tenantId?: Template;
  /** Only the data fields the consumer reads (and its decoding validates). */
  data: Record<string, unknown>;
}

const asUuid = (value: Template) => (typeof value === 'string' ? uuid(value) : value);

/**
 * A producer's event as libs/contracts/src/envelope.ts (EventEnvelopeSchema) defines it, with matchers:
 * the content of a message pact's `withJSONContent`. Keys in the schema's order.
 */
export function envelope(e: EnvelopeExample): Record<string, unknown> {
  return {
    event_id: uuid(e.eventId),
    event_type: e.eventType,
    aggregate_id: asUuid(e.aggregateId),
    aggregate_type: e.aggregateType,
    occurred_at: e.occurredAt ?? isoTime(),
    version: e.version ?? 1,
    ...(e.tenantId !== undefined && { tenant_id: asUuid(e.tenantId) }),
    data: e.data,
  };
}

/** A pact message's content (the example the pact reified) read as the envelope it is. */
export interface ExampleEnvelope<TData = Record<string, unknown>> {
  event_id: string;
  event_type: string;
  aggregate_id: string;
  tenant_id?: string;
  data: TData;
  [key: string]: unknown;
}
export const asEnvelope = <TData = Record<string, unknown>>(content: unknown) =>
  content as ExampleEnvelope<TData>;

export interface Readdress {
  tenantId?: string;
  eventId?: string;
  aggregateId?: string;
  /** Merged over the example's data (ids of the test's own records, another title…). */
  data?: Record<string, unknown>;
}

/**
 * The pact's ids are examples: a test delivers the event about its own tenant, records and event id
 * (stores and inboxes outlive a run), the rest as the pact says. Returns the message value for `deliver`.
 */
export function readdress(content: unknown, to: Readdress = {}): string {
  const event = asEnvelope(content);
  return JSON.stringify({
    ...event,
    ...(to.eventId !== undefined && { event_id: to.eventId }),
    ...(to.aggregateId !== undefined && { aggregate_id: to.aggregateId }),
    ...(to.tenantId !== undefined && { tenant_id: to.tenantId }),
    data: { ...event.data, ...to.data },
  });
}
