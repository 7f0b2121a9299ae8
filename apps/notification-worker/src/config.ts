import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().positive().default(3004),
    REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379'),
    SMTP_URL: z.string().startsWith('smtp').default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().default('Shop <no-reply@shop.local>'),
    CONSUMER_GROUP: z.string().default('notification-worker'),
    /** A brand-new group starts at the latest offset unless this says otherwise (tests, a rebuild). */
    CONSUMER_FROM_BEGINNING: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** Backoff while SMTP (or Redis) is away: the partition waits, mails stay in order, no DLQ. */
    CONSUMER_RETRY_INITIAL_MS: z.coerce.number().int().positive().default(1000),
    CONSUMER_RETRY_MAX_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(5 * 60_000),
    CONSUMER_CONCURRENCY: z.coerce.number().int().positive().default(3),
    CONSUMER_MAX_WAIT_MS: z.coerce.number().int().positive().default(1000),
    /**
     * A mail whose buyer is not (yet) in the user projection waits this long for the projection to catch
     * up (retrying), then is logged `skipped: unknown recipient`.
     */
    RECIPIENT_WAIT_MS: z.coerce
      .number()
      .int()
      .nonnegative()
      .default(10 * 60_000),
    /** How long one worker holds a mail before another may send it (above the SMTP timeouts, 15 s). */
    MAIL_LEASE_MS: z.coerce.number().int().positive().default(60_000),
    /**
     * AES-256-GCM key (32 bytes, base64) with which user-service seals the secrets of its mail requests;
     * the same value as user-service's. Without it (dev only) the checkout's `.devstack/keys` one is used.
     */
    NOTIFICATION_SECRET_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.NOTIFICATION_SECRET_KEY)
      ctx.addIssue({ code: 'custom', path: ['NOTIFICATION_SECRET_KEY'], message: 'required in production' });
  });
export type Config = z.infer<typeof configSchema>;

export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
