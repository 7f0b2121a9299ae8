import { z } from 'zod';
import {
  IngestCategorySchema,
  IngestTagsSchema,
  NoTenantId,
  RecordIdSchema,
} from '../data/ingestion.schemas';
import { queryInt } from '../query';

/** The three model types of seed 002 §1 `training_config.model_type`. */
export const ModelTypeSchema = z.enum(['matrix_factorization', 'two_tower', 'gnn']);
export type ModelType = z.infer<typeof ModelTypeSchema>;

/** `v{major}.{minor}.{patch}`: the first trained model of a tenant is `v1.0.0`, each next one `v1.{n}.0`. */
export const ModelVersionNameSchema = z.string().regex(/^v\d+\.\d+\.\d+$/, 'like v1.2.0');

/** The content-only encoder's version: what an item has before any model is trained. */
export const CONTENT_MODEL_VERSION = 'v0.0.0';

/** Seed 002 §1 and §5 `context`: where the request comes from (recorded, not used for filtering). */
export const RecommendationContextSchema = z
  .object({
    device_type: z.enum(['mobile', 'desktop', 'tablet']).optional(),
    location: z.string().max(200).optional(),
    session_id: z.string().max(128).optional(),
  })
  .strict();

export const RecommendationFiltersSchema = z
  .object({
    /** Only items of these categories. */
    categories: z.array(IngestCategorySchema).min(1).max(50).optional(),
    /** Only items scored at least this (scores are in [0, 1]). */
    min_score: z.number().min(0).max(1).optional(),
    /** Never these items. */
    exclude_ids: z.array(RecordIdSchema).max(1000).optional(),
  })
  .strict();

const Count = z.number().int().min(1).max(100).default(10);

/** Seed 002 §1 `POST /internal/ml/recommendations`. */
export const RecommendationRequestSchema = z
  .object({
    tenant_id: z.uuid(),
    user_id: RecordIdSchema,
    context: RecommendationContextSchema.optional(),
    filters: RecommendationFiltersSchema.optional(),
    count: Count,
    /** A version other than the active one (it must exist for the tenant). */
    model_version: ModelVersionNameSchema.optional(),
    /** Also recommend items the user already interacted with (default: never). */
    include_interacted: z.boolean().default(false),
  })
  .strict();
export type RecommendationRequest = z.infer<typeof RecommendationRequestSchema>;

export const RecommendationSchema = z.object({
  item_id: z.string(),
  /** In [0, 1], the list ordered by it, highest first. */
  score: z.number().min(0).max(1),
  /** The distance between the user's vector and the item's in the model's space (cosine distance). */
  embedding_distance: z.number(),
  metadata: z.object({ category: z.string().nullable(), created_at: z.iso.datetime() }),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const RecommendationResponseSchema = z.object({
  request_id: z.uuid(),
  recommendations: z.array(RecommendationSchema),
  /** The version that scored the list; `v0.0.0` is the content encoder with popularity (no model yet). */
  model_version: z.string(),
  /** Measured inside ml-engine, from the request's arrival to the answer. */
  latency_ms: z.number().min(0),
  cache_hit: z.boolean(),
  /** How the user was served: the model's vector, folded in from recent interactions, or popularity. */
  strategy: z.enum(['model', 'fold_in', 'popular']),
});
export type RecommendationResponse = z.infer<typeof RecommendationResponseSchema>;

/** Seed 002 §5 `POST /api/v1/recommendations`: the caller's tenant. */
export const PublicRecommendationRequestSchema = z
  .object({
    user_id: RecordIdSchema,
    count: Count,
    filters: RecommendationFiltersSchema.optional(),
    context: RecommendationContextSchema.optional(),
    include_interacted: z.boolean().default(false),
    tenant_id: NoTenantId,
  })
  .strict();
export type PublicRecommendationRequest = z.infer<typeof PublicRecommendationRequestSchema>;

export const PublicRecommendationResponseSchema = z.object({
  recommendations: z.array(z.object({ item_id: z.string(), score: z.number().min(0).max(1) })),
  metadata: z.object({
    model_version: z.string(),
    latency_ms: z.number().min(0),
    cache_hit: z.boolean(),
  }),
});

/** The features of one item (seed 002 §1 `POST /internal/ml/embeddings`). */
export const ItemFeaturesSchema = z
  .object({
    title: z.string().trim().min(1).max(500),
    description: z.string().max(10_000).optional(),
    category: IngestCategorySchema.optional(),
    tags: IngestTagsSchema.optional(),
    image_url: z.url().max(2048).optional(),
  })
  .strict();
export type ItemFeatures = z.infer<typeof ItemFeaturesSchema>;

export const EmbeddingsRequestSchema = z
  .object({
    tenant_id: z.uuid(),
    items: z
      .array(z.object({ item_id: RecordIdSchema, features: ItemFeaturesSchema }).strict())
      .min(1)
      .max(1000),
    model_version: ModelVersionNameSchema.optional(),
  })
  .strict();
export type EmbeddingsRequest = z.infer<typeof EmbeddingsRequestSchema>;

export const EmbeddingSchema = z.object({
  item_id: z.string(),
  embedding: z.array(z.number()),
  dimension: z.number().int().positive(),
});
export const EmbeddingsResponseSchema = z.object({
  embeddings: z.array(EmbeddingSchema),
  model_version: z.string(),
});

/** Seed 002 §5 `GET /api/v1/items/{item_id}/embedding`. */
export const ItemEmbeddingParamsSchema = z.object({ item_id: RecordIdSchema });
export const ItemEmbeddingResponseSchema = EmbeddingSchema.extend({ model_version: z.string() });

/** `GET /api/v1/items/{item_id}/similar`: "more like this", the item's nearest neighbours. */
export const SimilarItemsParamsSchema = ItemEmbeddingParamsSchema;
export const SimilarItemsQuerySchema = z.object({ count: queryInt({ min: 1, max: 50, fallback: 10 }) });
export const SimilarItemsResponseSchema = z.object({
  item_id: z.string(),
  /** The space searched: the active trained version, or `v0.0.0` (content) when the item is not in it. */
  model_version: z.string(),
  /** Nearest first; score in [0, 1] as recommendations score it ((1 + cos) / 2 or sigmoid(dot)). */
  items: z.array(z.object({ item_id: z.string(), score: z.number().min(0).max(1) })),
});
export type SimilarItemsResponse = z.infer<typeof SimilarItemsResponseSchema>;

/** Seed 002 §1 `training_config.hyperparameters`: what is not given takes the model type's default. */
export const HyperparametersSchema = z
  .object({
    embedding_dim: z.number().int().min(4).max(512).optional(),
    learning_rate: z.number().positive().max(10).optional(),
    epochs: z.number().int().min(1).max(500).optional(),
    /** L2 regularisation. */
    regularization: z.number().min(0).max(100).optional(),
    /** ALS confidence scale (c = 1 + alpha * weight). */
    alpha: z.number().min(0).max(1000).optional(),
    /** Negatives sampled per positive (BPR, two-tower). */
    negatives: z.number().int().min(1).max(100).optional(),
    /** LightGCN propagation layers. */
    layers: z.number().int().min(1).max(6).optional(),
    seed: z.number().int().min(0).optional(),
  })
  .strict();
export type Hyperparameters = z.infer<typeof HyperparametersSchema>;

export const DataRangeSchema = z
  .object({ start_date: z.iso.datetime({ offset: true }), end_date: z.iso.datetime({ offset: true }) })
  .refine((r) => Date.parse(r.start_date) <= Date.parse(r.end_date), {
    message: 'start_date must not be after end_date',
    path: ['end_date'],
  });

export const TrainingTriggerRequestSchema = z
  .object({
    tenant_id: z.uuid(),
    training_config: z
      .object({
        model_type: ModelTypeSchema,
        hyperparameters: HyperparametersSchema.default({}),
        /** Omitted: every day of the tenant's training data. */
        data_range: DataRangeSchema.optional(),
      })
      .strict(),
  })
  .strict();
export type TrainingTriggerRequest = z.infer<typeof TrainingTriggerRequestSchema>;

export const TrainingJobStatusSchema = z.enum(['queued', 'running', 'completed', 'failed']);
export type TrainingJobStatus = z.infer<typeof TrainingJobStatusSchema>;

export const TrainingTriggerResponseSchema = z.object({
  job_id: z.uuid(),
  status: TrainingJobStatusSchema,
  estimated_duration_minutes: z.number().min(0),
});

/** NDCG@10 and Recall@10 on the held-out slice, with the popularity baseline on the same slice. */
export const ValidationMetricsSchema = z.object({
  ndcg_at_10: z.number(),
  recall_at_10: z.number(),
  baseline: z.object({ name: z.literal('popularity'), ndcg_at_10: z.number(), recall_at_10: z.number() }),
  users_evaluated: z.number().int().min(0),
});
export type ValidationMetrics = z.infer<typeof ValidationMetricsSchema>;

export const TrainingJobSchema = z.object({
  job_id: z.uuid(),
  tenant_id: z.uuid(),
  model_type: ModelTypeSchema,
  status: TrainingJobStatusSchema,
  /** 0 to 1. */
  progress: z.number().min(0).max(1),
  hyperparameters: HyperparametersSchema,
  data_range: z.object({ start_date: z.string(), end_date: z.string() }).nullable(),
  epochs: z.array(z.object({ epoch: z.number().int().min(1), loss: z.number() })),
  validation_metrics: ValidationMetricsSchema.nullable(),
  /** The version this job registered, once completed. */
  model_version: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.iso.datetime(),
  started_at: z.iso.datetime().nullable(),
  finished_at: z.iso.datetime().nullable(),
});
export type TrainingJob = z.infer<typeof TrainingJobSchema>;

export const TrainingJobParamsSchema = z.object({ job_id: z.uuid() });

/** `GET /internal/ml/training/jobs`: the tenant's jobs, newest first. */
export const TrainingJobsQuerySchema = z.object({
  status: TrainingJobStatusSchema.optional(),
  limit: queryInt({ min: 1, max: 100, fallback: 20 }),
});
export const TrainingJobsResponseSchema = z.object({ jobs: z.array(TrainingJobSchema) });

/** The tenant of an internal read (`GET /internal/ml/models`, jobs): the calling service says which. */
export const MlTenantHeaderSchema = z.object({ 'x-tenant-id': z.uuid() });

export const ModelStatusSchema = z.enum(['active', 'candidate', 'retired']);
export const ModelVersionSchema = z.object({
  version: ModelVersionNameSchema,
  model_type: ModelTypeSchema,
  status: ModelStatusSchema,
  job_id: z.uuid(),
  validation_metrics: ValidationMetricsSchema,
  /** Users and items the model knows. */
  users: z.number().int().min(0),
  items: z.number().int().min(0),
  dimension: z.number().int().positive(),
  created_at: z.iso.datetime(),
  activated_at: z.iso.datetime().nullable(),
});
export type ModelVersion = z.infer<typeof ModelVersionSchema>;

export const ModelsResponseSchema = z.object({
  active_version: z.string().nullable(),
  models: z.array(ModelVersionSchema),
});
export const ModelVersionParamsSchema = z.object({ version: ModelVersionNameSchema });

/** Whether new training data (`TrainingDataUpdated`) retrains the tenant's model (off by default). */
export const RetrainPolicySchema = z
  .object({
    enabled: z.boolean(),
    model_type: ModelTypeSchema.default('matrix_factorization'),
    /**
     * New interaction rows since the last job before a retrain starts; at most what its column (a
     * PostgreSQL integer) holds: above it was a 400 the document did not state (schemathesis).
     */
    min_new_rows: z.number().int().min(1).max(2_147_483_647).default(1000),
  })
  .strict();
export type RetrainPolicy = z.infer<typeof RetrainPolicySchema>;
