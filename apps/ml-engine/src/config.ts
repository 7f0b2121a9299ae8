import { DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { objectStoreConfigSchema } from '@platform/storage';
import { hostname } from 'node:os';
import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = baseConfigSchema
  .extend(objectStoreConfigSchema.shape)
  .extend({
    PORT: z.coerce.number().int().positive().default(8001),
    DATABASE_URL: z.string().startsWith('postgres').default('postgres://postgres@127.0.0.1:5432/ml_engine'),
    /** Response cache, recent interactions per user, API-key verdicts, rate-limit counters. */
    REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379/4'),
    /**
     * data-pipeline's object store, read only: `tenants/{id}/catalog.json` and the files it lists. Its
     * local folder, or its S3 bucket (same endpoint and credentials as S3_*); default: ml-engine's own.
     */
    TRAINING_DATA_DIR: z.string().min(1).optional(),
    TRAINING_DATA_BUCKET: z.string().min(3).optional(),
    /** user-service: JWKS, the API-key check and tenant settings. */
    USER_SERVICE_URL: z.url().default('http://127.0.0.1:3002'),
    JWT_ISSUER: z.string().default('user-service'),
    JWT_AUDIENCE: z.string().min(1).default('platform'),
    SERVICE_TOKEN_SECRET: z.string().min(32).default(DEV_SERVICE_TOKEN_SECRET),
    HTTP_TIMEOUT_MS: ms(2000),
    BREAKER_RESET_MS: ms(10_000),
    API_KEY_CACHE_MS: ms(30_000),
    /** Seed 002 §5: requests per minute per tenant on the public routes. */
    RATE_LIMIT_PER_MINUTE: count(1000),
    USAGE_FLUSH_MS: ms(5_000),
    CONSUMER_GROUP: z.string().default('ml-engine'),
    /**
     * This replica's name (the pod's hostname): every replica keeps the catalog and indexes in memory, so
     * each follows the item topics in a consumer group of its own (`{CONSUMER_GROUP}.items.{INSTANCE_ID}`).
     */
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/)
      .default(hostname()),
    /** A recommendation answer is reused this long (dropped at once when a version is activated). */
    RECS_CACHE_TTL_MS: ms(30_000),
    /** Interactions kept per user for fold-in and for leaving seen items out. */
    RECENT_INTERACTIONS: count(200),
    /**
     * HNSW parameters of every index. `npm run bench:ann` (100,000 clustered vectors × 128, cosine): these
     * give recall@10 0.992 against exact search at ~0.34 ms a query; ef_search 32 gives only 0.951.
     */
    HNSW_CONNECTIVITY: count(16),
    HNSW_EXPANSION_ADD: count(128),
    HNSW_EXPANSION_SEARCH: count(64),
    /**
     * Indexes of up to this many vectors are searched by an exact scan: never wrong, and cheap at that
     * size (0.55 ms a query over 3,706 vectors of 64 dimensions, 1.4 ms over 10,000, inner product, filtered).
     * HNSW over inner products of trained factors loses recall where a catalog of a few thousand items
     * does not need the speed.
     */
    EXACT_SEARCH_BELOW: count(5000),
    /** A tenant's content index is snapshotted this long after a change (at most once per period) and at the stop. */
    INDEX_SNAPSHOT_DELAY_MS: ms(30_000),
    /** Training jobs run in this many worker threads at once (one per tenant at most). */
    TRAINING_WORKERS: count(1),
    /** A new version is activated only when its NDCG@10 is at least the active one's minus this. */
    ACTIVATION_TOLERANCE: z.coerce.number().min(0).max(1).default(0),
    /** Trained spaces (tenant × version) kept loaded in memory; the least recently used leave first. */
    MODEL_SPACES_CACHED: count(64),
    /** A replica re-reads a tenant's active version from PostgreSQL after this (others may activate). */
    ACTIVE_VERSION_TTL_MS: ms(2_000),
    /** Share of each user's interactions held out for validation (at least one per user with two or more). */
    VALIDATION_SHARE: z.coerce.number().min(0.01).max(0.5).default(0.2),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.SERVICE_TOKEN_SECRET === DEV_SERVICE_TOKEN_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SERVICE_TOKEN_SECRET'],
        message: 'set a value of your own in production',
      });
  });
export type Config = z.infer<typeof configSchema>;

/** The object store holding data-pipeline's training data (ml-engine's own one keeps its artifacts). */
export const trainingDataStoreConfig = (c: Config): Config => ({
  ...c,
  OBJECT_STORE_DIR: c.TRAINING_DATA_DIR ?? c.OBJECT_STORE_DIR,
  S3_BUCKET: c.TRAINING_DATA_BUCKET ?? c.S3_BUCKET,
});

export const loadMlEngineConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
