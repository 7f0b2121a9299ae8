import {
  IngestInteractionsRequestSchema,
  IngestItemsRequestSchema,
  IngestResponseSchema,
  PublicIngestItemsRequestSchema,
  TrackInteractionRequestSchema,
  TrackInteractionResponseSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';
import { IdempotencyHeadersSchema } from '../idempotency-key';

const batchAnswer = {
  description:
    'Each record checked on its own (seed 002 §9): the valid ones are on Kafka (acks=all), the invalid ones listed with their index, field and reason; all invalid is still 200 with accepted 0',
  schema: IngestResponseSchema,
};
const badEnvelope =
  'VALIDATION_ERROR: the envelope is invalid (tenant_id, no records, more than 10,000 records); invalid records are reported in the 200 answer instead';
const kafkaDown = 'SERVICE_UNAVAILABLE: Kafka did not acknowledge; nothing was accepted, send again';
const writer = 'FORBIDDEN: an API key without the write permission, or a viewer';

/** The paths of ingestion.routes.ts (seed 002 §2 and §5). */
export const registerIngestionPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/internal/data/interactions',
    summary:
      'Upload up to 10,000 interactions of a tenant (service token of order-service, user-service or ml-engine); a missing timestamp is the time of ingestion; header Idempotency-Key (8 to 128 printable characters) makes a resent batch the same interactions, stored once',
    access: 'service',
    headers: IdempotencyHeadersSchema,
    body: IngestInteractionsRequestSchema,
    responses: { 200: batchAnswer },
    errors: { 400: badEnvelope, 403: 'FORBIDDEN: a service not allowed to upload', 503: kafkaDown },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/internal/data/items',
    summary: 'Upload up to 10,000 catalog items of a tenant (service token, as for interactions)',
    access: 'service',
    body: IngestItemsRequestSchema,
    responses: { 200: batchAnswer },
    errors: { 400: badEnvelope, 403: 'FORBIDDEN: a service not allowed to upload', 503: kafkaDown },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/interactions',
    summary:
      "Track one interaction in the caller's tenant (API key with write, or an admin or developer); 202: it is durably queued on Kafka, in the training data shortly after; header Idempotency-Key (8 to 128 printable characters) makes a resend the same interaction (same interaction_id), stored once",
    access: 'user',
    headers: IdempotencyHeadersSchema,
    body: TrackInteractionRequestSchema,
    responses: { 202: { description: 'Accepted', schema: TrackInteractionResponseSchema } },
    errors: {
      400: 'VALIDATION_ERROR naming the field (details.field, details.reason); a tenant_id in the body is refused',
      403: writer,
      503: kafkaDown,
    },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/items',
    summary:
      "Upload up to 10,000 catalog items to the caller's tenant (API key with write, or an admin or developer); counts as items_indexed in the usage",
    access: 'user',
    body: PublicIngestItemsRequestSchema,
    responses: { 200: batchAnswer },
    errors: { 400: `${badEnvelope}; a tenant_id in the body is refused`, 403: writer, 503: kafkaDown },
  });
};
