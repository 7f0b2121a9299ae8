import { z } from 'zod';

export const CheckStatusSchema = z.enum(['healthy', 'degraded', 'unhealthy']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

/** `GET /health` of every service (seed 002 §4). */
export const HealthResponseSchema = z.object({
  status: CheckStatusSchema,
  version: z.string(),
  uptime_seconds: z.number().int().nonnegative(),
  checks: z.record(z.string(), CheckStatusSchema),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** `GET /ready` of every service (seed 002 §4). */
export const ReadyResponseSchema = z.object({ ready: z.boolean() });
export type ReadyResponse = z.infer<typeof ReadyResponseSchema>;

/** `GET /api/circuit-breaker/status` (seed 001): one entry per downstream service. */
export const BreakerStatusSchema = z.record(
  z.string(),
  z.object({
    state: z.enum(['closed', 'open', 'half_open']),
    failure_count: z.number().int().nonnegative(),
    last_failure: z.iso.datetime().nullable(),
  }),
);
export type BreakerStatus = z.infer<typeof BreakerStatusSchema>;
