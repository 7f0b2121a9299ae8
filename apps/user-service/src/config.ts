import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3002),
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://postgres@127.0.0.1:5432/user_service'),
  BCRYPT_ROUNDS: z.coerce.number().int().min(10).max(15).default(12),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(200),
});
export type Config = z.infer<typeof configSchema>;

export const loadUserServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env);
