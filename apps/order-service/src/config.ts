import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3001),
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/order_service'),
});
export type Config = z.infer<typeof configSchema>;

export const loadOrderServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
