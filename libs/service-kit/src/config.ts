import { z } from 'zod';

/** Settings every service reads from its environment. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z
    .string()
    .default('info')
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(['error', 'warn', 'info', 'debug'])),
  SERVICE_VERSION: z.string().default('0.1.0'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((v) => v.split(',').map((b) => b.trim())),
  /**
   * SIGTERM: /ready is 503 but requests are still served this long, so the load balancer can notice.
   * Unset: 5 s in production, 0 elsewhere (no load balancer in front of `npm run up` or the tests).
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().nonnegative().optional(),
  /** Then: how long requests in flight may take to finish before their connections are cut. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * How long the broker waits for a silent consumer before handing its partitions to the others. A
   * crashed (kill -9) instance holds them this long, and its replacement is not ready before; the
   * default is kafkajs's own. A handler must finish a batch well within it (heartbeats go in between).
   */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(30_000),
  /** Prepended to every topic name; lets tests (or tenants of a shared cluster) keep apart. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  /**
   * Where traces go (OTLP over HTTP, e.g. http://jaeger:4318); read by libs/telemetry before the app
   * loads, listed here so every app accepts it. Unset: no exporter, tracing costs next to nothing.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once, at start: fail fast with the list of everything wrong. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
}
