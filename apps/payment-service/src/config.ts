import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3003),
  REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379'),
  ORDER_SERVICE_URL: z.url().default('http://127.0.0.1:3001'),
  HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  BREAKER_RESET_MS: z.coerce.number().int().positive().default(10_000),
});
export type Config = z.infer<typeof configSchema>;

export const loadPaymentServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
