import { z } from 'zod';
import { CategorySchema, ItemIdSchema, TagsSchema } from '../items/items.schemas';

/** Seed 002 §9: letters, digits, `-`, `_`, at most 128. User ids and item ids alike. */
export const RecordIdSchema = ItemIdSchema;

/** Seed 002 §9 Interaction Type: the seven allowed values. */
export const InteractionTypeSchema = z.enum([
  'view',
  'click',
  'purchase',
  'like',
  'dislike',
  'add_to_cart',
  'remove_from_cart',
]);
export type InteractionType = z.infer<typeof InteractionTypeSchema>;

/**
 * The training label of each interaction type (seed 002 §3: 0.0 negative to 1.0 positive): how strongly
 * the interaction says the user wants the item.
 */
export const INTERACTION_LABELS: Record<InteractionType, number> = {
  purchase: 1.0,
  add_to_cart: 0.8,
  like: 0.8,
  click: 0.5,
  view: 0.3,
  remove_from_cart: 0.1,
  dislike: 0.0,
};

/** Seed 002 §9 Timestamp: ISO 8601 in UTC (`Z`); optional, the time of ingestion when absent. */
export const UtcTimestampSchema = z.iso.datetime({
  offset: false,
  error: 'ISO 8601 in UTC, like 2025-01-07T10:30:45Z',
});

const SmallObject = z.record(z.string(), z.unknown());

/** One interaction of `POST /internal/data/interactions` (seed 002 §2), checked by seed 002 §9. */
export const InteractionRecordSchema = z.object({
  user_id: RecordIdSchema,
  item_id: RecordIdSchema,
  interaction_type: InteractionTypeSchema,
  timestamp: UtcTimestampSchema.optional(),
  context: z
    .object({ device_type: z.string().max(32).optional(), session_id: z.string().max(128).optional() })
    .catchall(z.union([z.string().max(256), z.number(), z.boolean()]))
    .optional(),
  metadata: SmallObject.optional(),
});
export type InteractionRecord = z.infer<typeof InteractionRecordSchema>;

/** One item of `POST /internal/data/items` and `POST /api/v1/items` (seed 002 §2, §5, §9). */
export const ItemRecordSchema = z.object({
  item_id: RecordIdSchema,
  title: z.string().trim().min(1).max(500),
  description: z.string().max(10_000).optional(),
  category: CategorySchema.optional(),
  tags: TagsSchema.optional(),
  metadata: SmallObject.optional(),
  created_at: UtcTimestampSchema.optional(),
});
export type ItemRecord = z.infer<typeof ItemRecordSchema>;

/** At most this many records in one ingestion request. */
export const MAX_BATCH_RECORDS = 10_000;

/**
 * The request shapes: records are checked one by one (a bad one is reported, the rest go in), so the
 * envelope only checks that they are objects.
 */
const Records = z.array(z.unknown()).min(1).max(MAX_BATCH_RECORDS);
export const IngestInteractionsRequestSchema = z.object({ tenant_id: z.uuid(), interactions: Records });
export const IngestItemsRequestSchema = z.object({ tenant_id: z.uuid(), items: Records });
export const PublicIngestItemsRequestSchema = z.object({ items: Records });

/** A record that was refused: where it was in the batch, its ids when it had them, the field and why. */
export const ValidationErrorEntrySchema = z.object({
  index: z.number().int().min(0),
  user_id: z.string().optional(),
  item_id: z.string().optional(),
  field: z.string().optional(),
  error: z.string(),
});
export type ValidationErrorEntry = z.infer<typeof ValidationErrorEntrySchema>;

/** Seed 002 §2 answer of both batch routes. */
export const IngestResponseSchema = z.object({
  accepted: z.number().int().min(0),
  rejected: z.number().int().min(0),
  validation_errors: z.array(ValidationErrorEntrySchema),
});
export type IngestResponse = z.infer<typeof IngestResponseSchema>;

/** Seed 002 §5 `POST /api/v1/interactions`: one interaction of the caller's tenant. */
export const TrackInteractionRequestSchema = InteractionRecordSchema;
export const TrackInteractionResponseSchema = z.object({
  status: z.literal('accepted'),
  interaction_id: z.uuid(),
});
