import { z } from 'zod';
import { InteractionRecordSchema, ItemRecordSchema } from './ingestion.schemas';

/**
 * `interactions.ingested`: one accepted interaction, on Kafka before the answer says accepted. Its
 * `event_id` is the interaction id; the timestamp is filled in (the time of ingestion when absent).
 */
export const InteractionIngestedDataSchema = InteractionRecordSchema.extend({
  interaction_id: z.uuid(),
  timestamp: z.iso.datetime({ offset: false }),
  /** Where it came from: the API, a batch upload, or an order-service event (`OrderConfirmed`). */
  source: z.enum(['api', 'batch', 'order']),
});

/** `items.ingested`: one accepted item record (a batch upload or the public items route). */
export const ItemIngestedDataSchema = ItemRecordSchema.extend({
  received_at: z.iso.datetime({ offset: false }),
});

/**
 * `data.events`: a tenant's training data changed (new files, or a day compacted), published through
 * the outbox in the transaction that changed the manifest. ml-engine reads catalog.json to retrain.
 */
export const TrainingDataUpdatedDataSchema = z.object({
  tenant_id: z.uuid(),
  /** `v{n}`, n counting every change of the tenant's data: the catalog.json written after it says the same. */
  data_version: z.string(),
  /** The catalog's key in the object store: `tenants/{tenant_id}/catalog.json`. */
  catalog_path: z.string(),
  /** The days (UTC) whose files changed; empty when only the tenant's items changed. */
  dates: z.array(z.iso.date()),
  /** Interaction rows the tenant's listed files hold after the change (before compaction's dedupe). */
  row_count: z.number().int().min(0),
});

/**
 * `usage.events`: public calls a service served for one tenant in one window (data-pipeline and
 * ml-engine publish them; data-pipeline sums them into `GET /api/v1/usage`).
 */
export const UsageRecordedDataSchema = z.object({
  tenant_id: z.uuid(),
  /** The service that served the calls (`data-pipeline`, `ml-engine`): usage_daily keeps them apart. */
  service: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
  /** When the window began counting; its UTC day is the day the calls count for. */
  window_start: z.iso.datetime({ offset: false }),
  api_calls: z.number().int().min(0),
  recommendations_served: z.number().int().min(0),
  items_indexed: z.number().int().min(0),
  latency_ms_sum: z.number().min(0),
});
