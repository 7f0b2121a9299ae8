import { baseConfigSchema, loadConfig } from '@platform/service-kit';
import { z } from 'zod';

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3004),
  REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379'),
  SMTP_URL: z.string().startsWith('smtp').default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('Shop <no-reply@shop.local>'),
  CONSUMER_GROUP: z.string().default('notification-worker'),
});
export type Config = z.infer<typeof configSchema>;

export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
