import { DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

/** PEM blocks, one after another (a Kubernetes Secret built with --from-file holds them as they are). */
const pemList = z
  .string()
  .default('')
  .transform((v) => v.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? []);

/** Express's `trust proxy`: true/false, a hop count, or addresses and subnet names (`loopback, 10.0.0.0/8`). */
const trustProxy = z
  .string()
  .default('loopback')
  .transform((v): boolean | number | string => {
    const s = v.trim();
    if (s === 'true' || s === 'false') return s === 'true';
    return /^\d+$/.test(s) ? Number(s) : s;
  });

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
    /**
     * RS256 private key (PEM) that signs access tokens. Without it (dev only) a key is generated once and
     * kept in `.devstack/keys/user-service-jwt.pem`. Its `kid` is its RFC 7638 thumbprint.
     */
    JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY').optional(),
    /** Public keys (PEM) of keys signed with before a rotation: published in the JWKS and accepted, never used to sign. */
    JWT_PREVIOUS_PUBLIC_KEYS: pemList,
    JWT_ISSUER: z.string().default('user-service'),
    /** The `aud` of access tokens, which every verifier checks. */
    JWT_AUDIENCE: z.string().min(1).default('platform'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
    SERVICE_TOKEN_SECRET: z.string().min(32).default(DEV_SERVICE_TOKEN_SECRET),
    /**
     * AES-256-GCM key (32 bytes, base64) sealing secrets in events for notification-worker, which has the
     * same key. Without it (dev only) one is generated once in `.devstack/keys/notification-secret.key`.
     */
    NOTIFICATION_SECRET_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
      .optional(),
    /** Which proxies' X-Forwarded-For to believe (the login throttle counts per client address). */
    TRUST_PROXY: trustProxy,
    VERIFICATION_TTL_HOURS: z.coerce.number().int().positive().default(24),
    /**
     * The shop's public origin (the web app, which serves `/verify-email`), not this service: the
     * verification e-mail links to `${PUBLIC_URL}/verify-email?user_id=…&token=…`.
     */
    PUBLIC_URL: z.url().default('http://localhost:3000'),
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
    if (!c.NOTIFICATION_SECRET_KEY)
      ctx.addIssue({ code: 'custom', path: ['NOTIFICATION_SECRET_KEY'], message: 'required in production' });
    if (c.SERVICE_TOKEN_SECRET === DEV_SERVICE_TOKEN_SECRET) {
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
