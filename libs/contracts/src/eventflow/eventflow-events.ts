import { z } from 'zod';

/** `eventflow.events`: a producer's event, durably on Kafka before the 202; the store consumer writes it to PostgreSQL. */
export const EventFlowEventReceivedDataSchema = z.object({
  producer_id: z.uuid(),
  event_type: z.string(),
  event_version: z.number().int().min(1),
  payload: z.record(z.string(), z.unknown()),
  received_at: z.iso.datetime({ offset: false }),
});
