import { z } from 'zod';
import { storableText } from '../text';
import { queryInt } from '../query';

/** Seed 004 §6 `POST /api/v1/producers`. */
export const CreateProducerRequestSchema = z.object({
  name: storableText().trim().min(1).max(100),
  description: storableText().max(1000).default(''),
});
export const CreatedProducerResponseSchema = z.object({
  producer_id: z.uuid(),
  /** Shown once; only its hash is kept. */
  api_key: z.string(),
  created_at: z.iso.datetime(),
});
export const ProducerSchema = z.object({
  producer_id: z.uuid(),
  name: z.string(),
  description: z.string(),
  key_prefix: z.string(),
  status: z.enum(['active', 'revoked']),
  created_at: z.iso.datetime(),
  revoked_at: z.iso.datetime().optional(),
});
export type EventFlowProducer = z.infer<typeof ProducerSchema>;
export const ProducerListResponseSchema = z.object({ producers: z.array(ProducerSchema) });
export const ProducerIdParamsSchema = z.object({ id: z.uuid() });

/** Seed 004 §7 `POST /api/v1/events` (a producer's API key). */
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
export const MAX_EVENT_PAYLOAD_BYTES = 256 * 1024;
export const IngestEventRequestSchema = z.object({
  event_type: z.string().regex(EVENT_TYPE_PATTERN, 'a letter, then letters, digits, _ . or -, at most 128'),
  event_version: z.number().int().min(1).max(1_000_000),
  payload: z.record(z.string(), z.unknown()),
});
export type IngestEventRequest = z.infer<typeof IngestEventRequestSchema>;
export const IngestEventResponseSchema = z.object({
  event_id: z.uuid(),
  status: z.literal('ACCEPTED'),
  received_at: z.iso.datetime(),
});

/** A stored event as queries and consumers see it. */
export const StoredEventSchema = z.object({
  event_id: z.uuid(),
  event_type: z.string(),
  event_version: z.number().int(),
  producer_id: z.uuid(),
  payload: z.record(z.string(), z.unknown()),
  received_at: z.iso.datetime(),
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/** Seed 004 §8 `GET /api/v1/events` (newest first; `next` pages on). */
export const EventQuerySchema = z.object({
  event_type: z.string().regex(EVENT_TYPE_PATTERN).optional(),
  producer_id: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: queryInt({ min: 1, max: 1000, fallback: 100 }),
  cursor: z.string().max(200).optional(),
});
/** Counting every match over millions of rows is slow: `total` is exact up to this cap. */
export const EVENT_QUERY_TOTAL_CAP = 10_000;
export const EventQueryResponseSchema = z.object({
  items: z.array(StoredEventSchema),
  /** The number of matching events, exact up to EVENT_QUERY_TOTAL_CAP (then `total_capped` is true). */
  total: z.number().int().min(0),
  /** True when there are at least `total` (the cap) matching events. */
  total_capped: z.boolean(),
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  next: z.string().optional(),
});

/** Seed 004 §9 consumers. */
export const CreateConsumerRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  subscribed_event_types: z.array(z.string().regex(EVENT_TYPE_PATTERN)).min(1).max(100),
  start: z.enum(['latest', 'earliest']).default('latest'),
});
export const ConsumerSchema = z.object({
  consumer_id: z.uuid(),
  name: z.string(),
  subscribed_event_types: z.array(z.string()),
  /** The committed cursor: fetching resumes after it. */
  cursor: z.string(),
  created_at: z.iso.datetime(),
});
export type EventFlowConsumer = z.infer<typeof ConsumerSchema>;
/** `GET /api/v1/consumers`: the tenant's consumers, newest first. */
export const ConsumerListQuerySchema = z.object({
  limit: queryInt({ min: 1, max: 100, fallback: 50 }),
  offset: queryInt({ min: 0, fallback: 0 }),
});
export const ConsumerListItemSchema = ConsumerSchema.extend({
  /** When the committed cursor last moved forward; null until the consumer first commits. */
  committed_at: z.iso.datetime().nullable(),
});
export type EventFlowConsumerListItem = z.infer<typeof ConsumerListItemSchema>;
export const ConsumerListResponseSchema = z.object({
  consumers: z.array(ConsumerListItemSchema),
  total: z.number().int().nonnegative(),
});
export type ConsumerListResponse = z.infer<typeof ConsumerListResponseSchema>;
/** A service registering a consumer names the tenant it acts for. */
export const ServiceTenantHeaderSchema = z.object({ 'x-tenant-id': z.uuid() });
export const ConsumerIdParamsSchema = z.object({ id: z.uuid() });
export const ConsumerEventsQuerySchema = z.object({
  limit: queryInt({ min: 1, max: 1000, fallback: 100 }),
});
export const ConsumerEventsResponseSchema = z.object({
  events: z.array(StoredEventSchema),
  next_cursor: z.string(),
});
export const CommitCursorRequestSchema = z.object({ cursor: z.string().min(1).max(200) });
export const CommitCursorResponseSchema = z.object({ consumer_id: z.uuid(), cursor: z.string() });

/** Seed 004 §11. */
export const EventFlowHealthResponseSchema = z.object({ status: z.enum(['UP', 'DOWN']) });

/** A producer's API key (seed 004 "Event Producer: API Key"): `Authorization: Bearer evp_…`. */
export const PRODUCER_KEY_PATTERN = /^evp_[A-Za-z0-9]{32}$/;
export const isProducerKey = (value: string): boolean => PRODUCER_KEY_PATTERN.test(value);
