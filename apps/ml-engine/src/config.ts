import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(8001),
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://postgres@127.0.0.1:5432/ml_engine'),
});
export type Config = z.infer<typeof configSchema>;

export const loadMlEngineConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
