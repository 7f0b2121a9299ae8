import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

const DEV_SERVICE_SECRET = 'devstack-only-service-token-secret-change-me';

export const configSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().positive().default(3002),
    DATABASE_URL: z
      .string()
      .startsWith('postgres')
      .default('postgres://postgres@127.0.0.1:5432/user_service'),
    REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379'),
    BCRYPT_ROUNDS: z.coerce.number().int().min(10).max(15).default(12),
    OUTBOX_POLL_MS: z.coerce.number().int().positive().default(200),
    /** RS256 private key (PEM) that signs access tokens; without it a key is generated at start (dev only). */
    JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY').optional(),
    JWT_KEY_ID: z.string().min(1).default('user-service-1'),
    JWT_ISSUER: z.string().default('user-service'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
    SERVICE_TOKEN_SECRET: z.string().min(32).default(DEV_SERVICE_SECRET),
    VERIFICATION_TTL_HOURS: z.coerce.number().int().positive().default(24),
    /** Where the verification link in the e-mail points. */
    PUBLIC_URL: z.url().default('http://localhost:3002'),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
    /** Namespace of the failure counters in Redis (several environments, or test runs, on one Redis). */
    LOGIN_THROTTLE_KEY_PREFIX: z
      .string()
      .regex(/^[\w:.-]+$/)
      .default('login_fail'),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV !== 'production') return;
    if (!c.JWT_PRIVATE_KEY)
      ctx.addIssue({ code: 'custom', path: ['JWT_PRIVATE_KEY'], message: 'required in production' });
    if (c.SERVICE_TOKEN_SECRET === DEV_SERVICE_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SERVICE_TOKEN_SECRET'],
        message: 'set a secret of your own in production',
      });
    }
  });
export type Config = z.infer<typeof configSchema>;

export const loadUserServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
