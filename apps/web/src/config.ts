import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

const url = (fallback: string) => z.url().default(fallback);

/** The web app's server: its port, where each service answers (the gateway's upstreams), and where the built pages are. */
export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3000),
  USER_SERVICE_URL: url('http://127.0.0.1:3002'),
  ORDER_SERVICE_URL: url('http://127.0.0.1:3001'),
  PAYMENT_SERVICE_URL: url('http://127.0.0.1:3003'),
  NOTIFICATION_WORKER_URL: url('http://127.0.0.1:3004'),
  ML_ENGINE_URL: url('http://127.0.0.1:8001'),
  DATA_PIPELINE_URL: url('http://127.0.0.1:8002'),
  /** The built browser app (vite build); by default beside main.js. */
  PUBLIC_DIR: z.string().optional(),
});
export type Config = z.infer<typeof configSchema>;

export const loadWebConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
