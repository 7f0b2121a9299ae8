import { MatchersV3 } from '@platform/pact';

const { like, regex, uuid } = MatchersV3;
const ISO = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';

/** An ISO-8601 UTC time: the example is fixed, the provider's real time only has to match. */
export const at = (example = '2026-01-01T10:00:00.000Z') => regex(ISO, example);

/**
 * The envelope as a producer publishes it. ml-engine's decoding validates all of it (a version it does
 * not know, or a tenant that is no uuid, goes to the DLQ), so the whole envelope is the contract.
 */
export const envelope = (
  eventType: string,
  aggregateType: string,
  eventId: string,
  data: Record<string, unknown>,
) => ({
  event_id: uuid(eventId),
  event_type: eventType,
  aggregate_id: like('9a1f3c2e-4b5d-4e6f-8a7b-0c1d2e3f4a5b'),
  aggregate_type: aggregateType,
  occurred_at: at(),
  version: 1,
  tenant_id: uuid('3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c'),
  data,
});

export interface Envelope {
  event_id: string;
  tenant_id: string;
  data: Record<string, unknown>;
}

/**
 * The pact's tenant is an example: each test delivers the event for a tenant of its own (a fresh uuid,
 * so runs on the shared Redis never meet), the rest of the content as the pact says.
 */
export const forTenant = (
  content: unknown,
  tenantId: string,
  data: Record<string, unknown> = {},
  eventId = (content as Envelope).event_id,
) => {
  const event = content as Envelope;
  return JSON.stringify({
    ...event,
    event_id: eventId,
    tenant_id: tenantId,
    data: { ...event.data, ...data },
  });
};

/** The message content as the envelope it is. */
export const asEnvelope = (content: unknown) => content as Envelope;
