import {
  InteractionRecordSchema,
  ItemRecordSchema,
  TrackInteractionRequestSchema,
  type IngestResponse,
} from '@platform/contracts';
import { type Publisher } from '@platform/messaging';
import { Errors } from '@platform/service-kit';
import { idOfKey } from '../idempotency-key';
import { interactionIdOf, interactionMessage, itemMessage, type InteractionSource } from './ingestion-events';
import { type IngestionMetrics } from './ingestion-metrics';
import { publishAccepted } from './publish-accepted';
import { validateRecords } from './validate-records';

export interface IngestionDeps {
  publisher: Pick<Publisher, 'publish'>;
  metrics: IngestionMetrics;
  /** The longest a request waits for Kafka's acknowledgement before answering 503. */
  publishTimeoutMs: number;
  now: () => Date;
}

/**
 * The interaction id an Idempotency-Key stands for: per tenant and route, and in a batch per place in
 * it, so a resent request gives each record the id it had the first time (stored once).
 */
const keyedId = (tenantId: string, source: InteractionSource, key: string | undefined, index = 0) =>
  key === undefined ? undefined : idOfKey(`interactions:${tenantId}:${source}`, `${key}:${index}`);

/**
 * A batch of interactions for a tenant (seed 002 §2): each record checked by §9, the valid ones put on
 * `interactions.ingested`, and only then counted as accepted.
 */
export async function ingestInteractions(
  deps: IngestionDeps,
  tenantId: string,
  records: unknown[],
  source: InteractionSource,
  idempotencyKey?: string,
): Promise<IngestResponse> {
  const { valid, errors } = validateRecords(InteractionRecordSchema, records);
  const now = deps.now();
  const messages = valid.map((v) =>
    interactionMessage(tenantId, v.record, source, now, keyedId(tenantId, source, idempotencyKey, v.index)),
  );
  await publishAccepted(deps.publisher, messages, deps.publishTimeoutMs);
  deps.metrics.counted('interaction', messages.length, errors.length);
  return { accepted: messages.length, rejected: errors.length, validation_errors: errors };
}

/** A batch of catalog items for a tenant (seed 002 §2, §5), the same way onto `items.ingested`. */
export async function ingestItems(
  deps: IngestionDeps,
  tenantId: string,
  records: unknown[],
): Promise<IngestResponse> {
  const { valid, errors } = validateRecords(ItemRecordSchema, records);
  const now = deps.now();
  const messages = valid.map((v) => itemMessage(tenantId, v.record, now));
  await publishAccepted(deps.publisher, messages, deps.publishTimeoutMs);
  deps.metrics.counted('item', messages.length, errors.length);
  return { accepted: messages.length, rejected: errors.length, validation_errors: errors };
}

/**
 * One interaction from the public API (seed 002 §5): an invalid one is a 400 naming the field, a valid
 * one is on Kafka before the answer gives its id.
 */
export async function trackInteraction(
  deps: IngestionDeps,
  tenantId: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<{ status: 'accepted'; interaction_id: string }> {
  const { valid, errors } = validateRecords(TrackInteractionRequestSchema, [body ?? {}]);
  if (errors.length) {
    deps.metrics.counted('interaction', 0, 1);
    const [{ field = 'body', error }] = errors;
    throw Errors.validation(`Invalid interaction: ${error}`, { field, reason: error });
  }
  const { tenant_id: _ignored, ...record } = valid[0].record;
  const id = keyedId(tenantId, 'api', idempotencyKey);
  const message = interactionMessage(tenantId, record, 'api', deps.now(), id);
  await publishAccepted(deps.publisher, [message], deps.publishTimeoutMs);
  deps.metrics.counted('interaction', 1, 0);
  return { status: 'accepted', interaction_id: interactionIdOf(message) };
}
