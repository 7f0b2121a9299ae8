import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(8002),
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://postgres@127.0.0.1:5432/data_pipeline'),
  /** The local object store (Parquet files, catalog.json); an S3 bucket replaces it when configured. */
  OBJECT_STORE_DIR: z.string().min(1).default('./data/object-store'),
});
export type Config = z.infer<typeof configSchema>;

export const loadDataPipelineConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
