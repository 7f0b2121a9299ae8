import { type UsageQuery, type UsageResponse } from '@platform/contracts';
import { monthOf } from '@platform/metering';
import { type UsageRepository } from './usage.repository';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Seed 002 §5 usage of one tenant over a range of days: the calls of every service (data-pipeline,
 * ml-engine) summed from usage_daily. The quota is that of the month of `end_date` (the month the range
 * ends in, so a past range shows how far that month went; the current month when the range ends today).
 */
export async function getUsage(
  tenantId: string,
  q: UsageQuery,
  deps: { repo: UsageRepository; limitOf: (tenantId: string) => Promise<{ limit: number }> },
): Promise<UsageResponse> {
  const month = monthOf(new Date(`${q.end_date}T00:00:00Z`));
  const [totals, used, { limit }] = await Promise.all([
    deps.repo.totals(tenantId, q.start_date, q.end_date),
    deps.repo.apiCalls(tenantId, isoDay(month.start), isoDay(month.next)),
    deps.limitOf(tenantId),
  ]);
  return {
    period: { start: q.start_date, end: q.end_date },
    metrics: {
      api_calls: totals.api_calls,
      recommendations_served: totals.recommendations_served,
      items_indexed: totals.items_indexed,
      average_latency_ms: totals.api_calls ? round2(totals.latency_ms_sum / totals.api_calls) : 0,
    },
    quota: {
      api_calls_limit: limit,
      api_calls_used: used,
      percentage_used: limit ? round2((used / limit) * 100) : 0,
    },
  };
}
