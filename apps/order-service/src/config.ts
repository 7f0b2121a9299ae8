import { DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

/** The devstack supplier-simulator's development secret (libs/devstack/src/servers/supplier-simulator.ts). */
export const DEV_SUPPLIER_WEBHOOK_SECRET = 'supplier-simulator-dev-secret';

export const configSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().positive().default(3001),
    MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/order_service'),
    REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379'),
    /** user-service: JWKS for access tokens, the user check and the API-key check. */
    USER_SERVICE_URL: z.url().default('http://127.0.0.1:3002'),
    JWT_ISSUER: z.string().default('user-service'),
    JWT_AUDIENCE: z.string().min(1).default('platform'),
    SERVICE_TOKEN_SECRET: z.string().min(32).default(DEV_SERVICE_TOKEN_SECRET),
    HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
    BREAKER_RESET_MS: z.coerce.number().int().positive().default(10_000),
    OUTBOX_POLL_MS: z.coerce.number().int().positive().default(200),
    /** How often the outbox relay also searches items and orders for events whose writer left no hint. */
    OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(30_000),
    /** A pending order unpaid this long expires and gives its stock back. */
    ORDER_EXPIRY_MINUTES: z.coerce.number().positive().default(30),
    /** An order still `reserving` after this long was left by a process that died: its stock goes back. */
    ORDER_RESERVATION_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
    ORDER_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
    /** How often the sweeper also searches all of `orders` (its passes read only the open orders). */
    ORDER_FULL_SWEEP_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 60_000),
    /** The outside game-key supplier (in development the devstack supplier-simulator). */
    SUPPLIER_URL: z.url().default('http://127.0.0.1:4010'),
    /** Shared with the supplier: its webhooks are signed with it (the default is the simulator's). */
    SUPPLIER_WEBHOOK_SECRET: z.string().min(16).default(DEV_SUPPLIER_WEBHOOK_SECRET),
    /** The supplier's limit; the client keeps under it and waits out a 429's Retry-After. */
    SUPPLIER_RATE_PER_MINUTE: z.coerce.number().int().positive().default(600),
    /** How long a catalog sync lock holds before another sync may take it (a crashed sync's lock expires). */
    SUPPLIER_SYNC_LOCK_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(15 * 60_000),
    /**
     * AES-256-GCM key (32 bytes, base64) sealing the delivered keys of OrderFulfilled for
     * notification-worker; the same value as the worker's. Without it (dev only) the checkout's
     * `.devstack/keys` one is used.
     */
    NOTIFICATION_SECRET_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.SUPPLIER_WEBHOOK_SECRET === DEV_SUPPLIER_WEBHOOK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SUPPLIER_WEBHOOK_SECRET'],
        message: 'set the secret agreed with the supplier in production',
      });
    if (c.NODE_ENV === 'production' && !c.NOTIFICATION_SECRET_KEY)
      ctx.addIssue({ code: 'custom', path: ['NOTIFICATION_SECRET_KEY'], message: 'required in production' });
    if (c.NODE_ENV === 'production' && c.SERVICE_TOKEN_SECRET === DEV_SERVICE_TOKEN_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SERVICE_TOKEN_SECRET'],
        message: 'set a secret of your own in production',
      });
  });
export type Config = z.infer<typeof configSchema>;

export const loadOrderServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
