import { z } from 'zod';
import { utf8Bytes } from '../utf8';

/**
 * Seed 002 §9 User ID and Item ID: letters, digits, `-`, `_`, at most 128 (the length and the
 * characters are two checks, so a refused record says which one it broke).
 */
export const RecordIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'is longer than 128 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may only hold letters, digits, - and _');

/** Seed 002 §9 Category: lowercase letters, digits and hyphens, at most 64. */
export const IngestCategorySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'is longer than 64 characters')
  .regex(/^[a-z0-9-]+$/, 'may only hold lowercase letters, digits and -');

/** Seed 002 §9 Tags: at most 20, each at most 32 characters. */
export const IngestTagsSchema = z
  // /\S/ before the trim: what makes a blank tag empty, said in the document (pattern) too
  .array(
    z
      .string()
      .regex(/\S/, 'must not be empty')
      .trim()
      .min(1, 'must not be empty')
      .max(32, 'is longer than 32 characters'),
  )
  .max(20, 'has more than 20 tags');

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

/**
 * Seed 002 §9 Timestamp: ISO 8601 in UTC, `Z` or `+00:00` (any other offset, or none, is refused: a
 * time without its zone is ambiguous); read as the same instant in the `Z` form.
 */
export const UtcTimestampSchema = z.iso
  .datetime({ offset: true, error: 'must be ISO 8601 in UTC, like 2025-01-07T10:30:45Z' })
  .refine((t) => /(Z|[+-]00:?00)$/i.test(t), 'must be in UTC (Z or +00:00), not another offset')
  .transform((t) => new Date(t).toISOString());

/** Free-form metadata and context stay small: each record travels as one Kafka message. */
const MAX_OBJECT_BYTES = 8 * 1024;
const SmallObject = z
  .record(z.string(), z.unknown())
  .refine((o) => utf8Bytes(JSON.stringify(o)) <= MAX_OBJECT_BYTES, 'is larger than 8 KB as JSON');

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
  title: z.string().trim().min(1, 'must not be empty').max(500, 'is longer than 500 characters'),
  description: z.string().max(10_000, 'is longer than 10000 characters').optional(),
  category: IngestCategorySchema.optional(),
  tags: IngestTagsSchema.optional(),
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
const Records = z
  .array(z.unknown())
  .min(1, 'send at least one record')
  .max(MAX_BATCH_RECORDS, `send at most ${MAX_BATCH_RECORDS} records a request`);
export const IngestInteractionsRequestSchema = z.object({ tenant_id: z.uuid(), interactions: Records });
export const IngestItemsRequestSchema = z.object({ tenant_id: z.uuid(), items: Records });

/**
 * The public routes write to the caller's own tenant (its API key or token says which); a `tenant_id`
 * in the body is refused rather than ignored, so a client that meant another tenant finds out.
 */
export const NoTenantId = z
  .unknown()
  .refine((v) => v === undefined, 'must be left out: the tenant is the one of your credential')
  .optional()
  // `not: {}`: the document says the field must be absent, so a client (or a fuzzer) does not send one
  .meta({ description: 'Refused: the tenant is the one of the credential', not: {} });
export const PublicIngestItemsRequestSchema = z.object({ items: Records, tenant_id: NoTenantId });

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
export const TrackInteractionRequestSchema = InteractionRecordSchema.extend({ tenant_id: NoTenantId });
export const TrackInteractionResponseSchema = z.object({
  status: z.literal('accepted'),
  interaction_id: z.uuid(),
});
