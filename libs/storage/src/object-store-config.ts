import { z } from 'zod';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The object store's settings (seed 002 §10), for a service's config schema to extend. */
export const objectStoreConfigSchema = z.object({
  /** The local object store; used unless S3_BUCKET is set. */
  OBJECT_STORE_DIR: z.string().min(1).default('./data/object-store'),
  /** Seed 002 §10: an S3 bucket replaces the local folder when set. */
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().default('us-east-1'),
  /** An S3-compatible server (versitygw in devstack); empty for AWS itself. */
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** An S3 request whose socket stays idle this long fails (and is retried). */
  S3_REQUEST_TIMEOUT_MS: positive(30_000),
  /** Attempts per S3 request, the first included (backoff with jitter between them). */
  S3_MAX_ATTEMPTS: positive(3),
});
export type ObjectStoreConfig = z.infer<typeof objectStoreConfigSchema>;
