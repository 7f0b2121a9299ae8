import { DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { objectStoreConfigSchema } from '@platform/storage';
import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = baseConfigSchema
  .extend(objectStoreConfigSchema.shape)
  .extend({
    PORT: z.coerce.number().int().positive().default(8002),
    DATABASE_URL: z
      .string()
      .startsWith('postgres')
      .default('postgres://postgres@127.0.0.1:5432/data_pipeline'),
    /** Rate-limit counters and the API-key verdict cache (counters survive a restart: AOF). */
    REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379/3'),
    /** user-service: JWKS for access tokens, and the API-key check. */
    USER_SERVICE_URL: z.url().default('http://127.0.0.1:3002'),
    JWT_ISSUER: z.string().default('user-service'),
    JWT_AUDIENCE: z.string().min(1).default('platform'),
    SERVICE_TOKEN_SECRET: z.string().min(32).default(DEV_SERVICE_TOKEN_SECRET),
    HTTP_TIMEOUT_MS: ms(2000),
    BREAKER_RESET_MS: ms(10_000),
    /** How long an API key's verdict is reused (an `ApiKeyRevoked` event drops it at once). */
    API_KEY_CACHE_MS: ms(30_000),
    /** Seed 002 §5: requests per minute per tenant on the public routes. */
    RATE_LIMIT_PER_MINUTE: count(1000),
    /** Monthly API-call quota per plan (seed 002 §6 plans). */
    QUOTA_STARTER: count(100_000),
    QUOTA_PRO: count(2_000_000),
    QUOTA_ENTERPRISE: count(20_000_000),
    /** The Parquet writer flushes a file when this many rows wait, or after WRITER_FLUSH_MS. */
    WRITER_MAX_ROWS: count(50_000),
    WRITER_FLUSH_MS: ms(2_000),
    /** A day with more files than this is compacted into one. */
    COMPACT_MIN_FILES: count(8),
    COMPACT_INTERVAL_MS: ms(60_000),
    /** What DuckDB (the Parquet writer and compactor) may keep in memory; past it, it spills to disk. */
    DUCKDB_MEMORY_LIMIT: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, 'a size such as 256MB')
      .default('256MB'),
    /** Parquet files no manifest lists are deleted once this old (a write that crashed before its commit). */
    ORPHAN_FILE_AGE_MS: ms(15 * 60_000),
    /** Usage counters are published (usage.events) this often. */
    USAGE_FLUSH_MS: ms(5_000),
    OUTBOX_POLL_MS: ms(50),
    /** Ingestion waits this long for Kafka's acks=all before answering 503 (kafkajs retries far longer). */
    INGEST_PUBLISH_TIMEOUT_MS: ms(10_000),
    CONSUMER_GROUP: z.string().default('data-pipeline'),
    /** EventFlow: longest a producer waits for Kafka's acks=all before a 503 (kafkajs would retry ~1 min). */
    EVENTFLOW_ACCEPT_TIMEOUT_MS: ms(10_000),
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

export const loadDataPipelineConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);

/** The monthly API-call quota of a plan (an unknown plan gets the starter's). */
export const quotaOf = (c: Config, plan: string | undefined): number =>
  plan === 'enterprise' ? c.QUOTA_ENTERPRISE : plan === 'pro' ? c.QUOTA_PRO : c.QUOTA_STARTER;
