import { DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

const url = (fallback: string) => z.url().default(fallback);

/** The web app's server: its port, where each service answers (the gateway's upstreams), and where the built pages are. */
export const configSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().positive().default(3000),
    USER_SERVICE_URL: url('http://127.0.0.1:3002'),
    ORDER_SERVICE_URL: url('http://127.0.0.1:3001'),
    PAYMENT_SERVICE_URL: url('http://127.0.0.1:3003'),
    NOTIFICATION_WORKER_URL: url('http://127.0.0.1:3004'),
    ML_ENGINE_URL: url('http://127.0.0.1:8001'),
    DATA_PIPELINE_URL: url('http://127.0.0.1:8002'),
    /** The built browser app (vite build); by default beside main.js. */
    PUBLIC_DIR: z.string().optional(),
    /** Access tokens: user-service's issuer and the platform's audience (as the services verify them). */
    JWT_ISSUER: z.string().default('user-service'),
    JWT_AUDIENCE: z.string().min(1).default('platform'),
    /** Mints the service tokens of the dashboard's ML calls to ml-engine's /internal/ml/*. */
    SERVICE_TOKEN_SECRET: z.string().min(32).default(DEV_SERVICE_TOKEN_SECRET),
    /** The session endpoints' and ML endpoints' calls to user-service and ml-engine (per attempt). */
    HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    BREAKER_RESET_MS: z.coerce.number().int().positive().default(10_000),
    /** How long the gateway waits for a service's answer before a 504. */
    PROXY_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    /**
     * Which proxies in front (an ingress) to believe for the browser's address and https (Express's
     * `trust proxy`): a hop count or addresses/subnets; the refresh cookie is Secure when it came over https.
     */
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .transform((v) => (/^\d+$/.test(v) ? Number(v) : v)),
    /** The refresh cookie's life: user-service's REFRESH_TOKEN_TTL_DAYS. */
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.SERVICE_TOKEN_SECRET === DEV_SERVICE_TOKEN_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SERVICE_TOKEN_SECRET'],
        message: 'set a secret of your own in production',
      });
  });
export type Config = z.infer<typeof configSchema>;

export const loadWebConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);

/** Where each upstream of the routing table answers. */
export const upstreamUrls = (c: Config) =>
  ({
    'user-service': c.USER_SERVICE_URL,
    'order-service': c.ORDER_SERVICE_URL,
    'payment-service': c.PAYMENT_SERVICE_URL,
    'notification-worker': c.NOTIFICATION_WORKER_URL,
    'ml-engine': c.ML_ENGINE_URL,
    'data-pipeline': c.DATA_PIPELINE_URL,
  }) as const;
