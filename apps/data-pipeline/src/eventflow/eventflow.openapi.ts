import {
  CommitCursorRequestSchema,
  CommitCursorResponseSchema,
  ConsumerEventsQuerySchema,
  ConsumerEventsResponseSchema,
  ConsumerIdParamsSchema,
  ConsumerListQuerySchema,
  ConsumerListResponseSchema,
  ConsumerSchema,
  CreateConsumerRequestSchema,
  CreatedProducerResponseSchema,
  CreateProducerRequestSchema,
  EVENT_QUERY_TOTAL_CAP,
  EventFlowHealthResponseSchema,
  EventQueryResponseSchema,
  EventQuerySchema,
  IngestEventRequestSchema,
  IngestEventResponseSchema,
  ProducerIdParamsSchema,
  ProducerListResponseSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';
import { IdempotencyHeadersSchema } from '../idempotency-key';

const dashboard =
  'FORBIDDEN: needs a signed-in admin or developer of the tenant (not a viewer, API key or service)';
const consumerCaller =
  'JWT of an admin or developer of the tenant, or a service token for data-pipeline with the tenant in X-Tenant-Id (uuid)';

/** EventFlow's paths (seed 004; errors in the platform envelope, ARCHITECTURE.md §9). */
export const registerEventFlowPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/producers',
    summary:
      'Register an event producer (JWT, admin or developer); its key `evp_…` is shown once, only its hash is kept',
    access: 'user',
    body: CreateProducerRequestSchema,
    responses: { 201: { description: 'The producer and its key', schema: CreatedProducerResponseSchema } },
    errors: { 403: dashboard },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/producers',
    summary: "The tenant's producers, newest first, with their key prefix and status (never the key)",
    access: 'user',
    responses: { 200: { description: 'The producers', schema: ProducerListResponseSchema } },
    errors: { 403: dashboard },
  });
  registerOperation(registry, {
    method: 'delete',
    path: '/api/v1/producers/{id}',
    summary: "Revoke a producer's key: refused by every instance from the next request on (idempotent)",
    access: 'user',
    params: ProducerIdParamsSchema,
    responses: { 204: { description: 'Revoked' } },
    errors: { 403: dashboard, 404: 'NOT_FOUND: no such producer in this tenant' },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/events',
    summary:
      'Send an event with a producer key (Authorization: Bearer evp_…); 202 once it is on Kafka with acks=all, stored in the tenant of the producer shortly after; header Idempotency-Key (8 to 128 printable characters) makes a resend the same event, stored once',
    access: 'user',
    headers: IdempotencyHeadersSchema,
    body: IngestEventRequestSchema,
    responses: { 202: { description: 'Accepted', schema: IngestEventResponseSchema } },
    errors: {
      401: 'AUTHENTICATION_FAILED: no producer key, or an unknown or revoked one',
      403: 'FORBIDDEN: a JWT or sk_ API key is not a producer key',
      413: 'PAYLOAD_TOO_LARGE: the payload is over 256 KB serialized (or the body over 1 MB)',
      503: 'SERVICE_UNAVAILABLE: Kafka did not take the event; nothing was accepted, send it again (with the same Idempotency-Key)',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/events',
    summary: `The tenant's stored events, newest first (received_at), filtered by event_type, producer_id, from (inclusive) and to (exclusive); pass \`next\` as \`cursor\` for the next page. \`total\` is exact up to ${EVENT_QUERY_TOTAL_CAP}, beyond which it is ${EVENT_QUERY_TOTAL_CAP} with \`total_capped: true\` (an exact count over millions of rows would read them all). JWT of an admin or developer, or an API key with read`,
    access: 'user',
    query: EventQuerySchema,
    responses: { 200: { description: 'A page of events', schema: EventQueryResponseSchema } },
    errors: {
      400: 'VALIDATION_ERROR: a filter or the cursor is invalid',
      403: 'FORBIDDEN: a viewer, an API key without read, or a service token',
    },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/consumers',
    summary: `Register a consumer with a cursor of its own, starting after the newest stored event (start: latest) or at the first (earliest). ${consumerCaller}`,
    access: 'user',
    body: CreateConsumerRequestSchema,
    responses: { 201: { description: 'The consumer', schema: ConsumerSchema } },
    errors: { 403: dashboard },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/consumers',
    summary: `The tenant's consumers, newest first: name, event types, committed cursor, when it last moved (null before the first commit) and created_at. ${consumerCaller}`,
    access: 'user',
    query: ConsumerListQuerySchema,
    responses: {
      200: { description: 'A page of consumers and their total', schema: ConsumerListResponseSchema },
    },
    errors: { 403: dashboard },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/consumers/{id}/events',
    summary:
      'The next events of its types after its committed cursor, oldest first; the same ones again until it commits next_cursor (at-least-once)',
    access: 'user',
    params: ConsumerIdParamsSchema,
    query: ConsumerEventsQuerySchema,
    responses: {
      200: { description: 'Events and the cursor to commit', schema: ConsumerEventsResponseSchema },
    },
    errors: { 403: dashboard, 404: 'NOT_FOUND: no such consumer in this tenant' },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/consumers/{id}/commit',
    summary:
      'Commit a cursor this consumer was given; an older one than the committed cursor changes nothing',
    access: 'user',
    params: ConsumerIdParamsSchema,
    body: CommitCursorRequestSchema,
    responses: { 200: { description: 'The committed cursor', schema: CommitCursorResponseSchema } },
    errors: {
      400: "VALIDATION_ERROR: not a cursor, or another consumer's",
      403: dashboard,
      404: 'NOT_FOUND: no such consumer in this tenant',
      409: 'CURSOR_NOT_DELIVERED: the cursor is beyond the events handed out to this consumer',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/health',
    summary: 'EventFlow health (seed 004): UP when PostgreSQL and Kafka answer, else DOWN with 503',
    access: 'public',
    responses: {
      200: { description: 'UP', schema: EventFlowHealthResponseSchema },
      503: { description: 'DOWN: PostgreSQL or Kafka unreachable', schema: EventFlowHealthResponseSchema },
    },
    errors: { 503: false },
  });
};
