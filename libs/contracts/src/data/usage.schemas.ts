import { z } from 'zod';

/** Seed 002 §5 `GET /api/v1/usage?start_date&end_date` (dates in UTC, both included). */
export const UsageQuerySchema = z.object({
  start_date: z.iso.date(),
  end_date: z.iso.date(),
});
export const UsageResponseSchema = z.object({
  period: z.object({ start: z.iso.date(), end: z.iso.date() }),
  metrics: z.object({
    api_calls: z.number().int().min(0),
    recommendations_served: z.number().int().min(0),
    items_indexed: z.number().int().min(0),
    average_latency_ms: z.number().min(0),
  }),
  quota: z.object({
    api_calls_limit: z.number().int().min(0),
    api_calls_used: z.number().int().min(0),
    percentage_used: z.number().min(0),
  }),
});
export type UsageResponse = z.infer<typeof UsageResponseSchema>;
