import { z } from 'zod';

/** The longest range one usage query may span (a year, leap day included). */
export const USAGE_MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Seed 002 §5 `GET /api/v1/usage?start_date&end_date` (UTC days, both included): the end not before the
 * start, and at most USAGE_MAX_RANGE_DAYS days from the first to the last.
 */
export const UsageQuerySchema = z
  .object({
    start_date: z.iso.date(),
    end_date: z.iso.date(),
  })
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.end_date) - Date.parse(q.start_date)) / DAY_MS + 1;
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'must not be before start_date' });
    else if (days > USAGE_MAX_RANGE_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['end_date'],
        message: `the range may span at most ${USAGE_MAX_RANGE_DAYS} days`,
      });
  });
export type UsageQuery = z.infer<typeof UsageQuerySchema>;
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
