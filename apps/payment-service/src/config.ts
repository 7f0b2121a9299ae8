import { DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

/** The devstack payment-gateway-simulator's development key and secret (libs/devstack, its README). */
export const DEV_GATEWAY_API_KEY = 'payment-gateway-simulator-dev-key';
export const DEV_GATEWAY_WEBHOOK_SECRET = 'payment-gateway-simulator-dev-secret';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().positive().default(3003),
    /** payment-service's own store (AOF on: a payment acknowledged is a payment kept). */
    REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379'),
    ORDER_SERVICE_URL: z.url().default('http://127.0.0.1:3001'),
    /** user-service: JWKS for access tokens, and the user check. */
    USER_SERVICE_URL: z.url().default('http://127.0.0.1:3002'),
    JWT_ISSUER: z.string().default('user-service'),
    JWT_AUDIENCE: z.string().min(1).default('platform'),
    SERVICE_TOKEN_SECRET: z.string().min(32).default(DEV_SERVICE_TOKEN_SECRET),
    HTTP_TIMEOUT_MS: ms(2000),
    BREAKER_RESET_MS: ms(10_000),
    /** The card gateway (in development the devstack payment-gateway-simulator). */
    PAYMENT_GATEWAY_URL: z.url().default('http://127.0.0.1:4020'),
    GATEWAY_API_KEY: z.string().min(8).default(DEV_GATEWAY_API_KEY),
    /** Shared with the gateway: its callbacks are signed with it. */
    PAYMENT_GATEWAY_WEBHOOK_SECRET: z.string().min(16).default(DEV_GATEWAY_WEBHOOK_SECRET),
    /** Where the gateway calls back (sent with each charge); by default this service's own port. */
    PAYMENT_GATEWAY_CALLBACK_URL: z.url().optional(),
    /** The gateway's timeout: a charge still unanswered then stays `processing` for the reconciler. */
    GATEWAY_TIMEOUT_MS: ms(3000),
    /** A payment `processing` this long without a callback is asked about (polled) at the gateway. */
    RECONCILE_AFTER_MS: ms(30_000),
    RECONCILE_INTERVAL_MS: ms(5_000),
    OUTBOX_POLL_MS: ms(50),
    CONSUMER_GROUP: z.string().default('payment-service'),
  })
  .superRefine((c, ctx) => {
    const devOnly = [
      ['SERVICE_TOKEN_SECRET', DEV_SERVICE_TOKEN_SECRET],
      ['GATEWAY_API_KEY', DEV_GATEWAY_API_KEY],
      ['PAYMENT_GATEWAY_WEBHOOK_SECRET', DEV_GATEWAY_WEBHOOK_SECRET],
    ] as const;
    for (const [key, dev] of devOnly)
      if (c.NODE_ENV === 'production' && c[key] === dev)
        ctx.addIssue({ code: 'custom', path: [key], message: 'set a value of your own in production' });
  });
export type Config = z.infer<typeof configSchema>;

export const loadPaymentServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);

/** The callback URL the gateway is given. */
export const callbackUrlOf = (c: Config): string =>
  c.PAYMENT_GATEWAY_CALLBACK_URL ?? `http://127.0.0.1:${c.PORT}/api/webhooks/payment-gateway`;
