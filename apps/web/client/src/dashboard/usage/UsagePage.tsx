import type { UsageResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';
import { UsageChart } from './UsageChart';
import { UsageSummary } from './UsageSummary';
import { daysOf, defaultRange, inBatches, rangeProblem, usageSeries, type DateRange } from './usage';

/**
 * Usage over a date range (default the last 30 days): the range's totals and quota from one call, and
 * each day's API calls (one call per day) drawn against the month's quota, with a table beside the chart.
 */
export function UsagePage() {
  const { api } = useSession();
  const [draft, setDraft] = useState<DateRange>(() => defaultRange());
  const [range, setRange] = useState<DateRange>(draft);
  const problem = rangeProblem(draft);
  const get = (from: string, to: string) =>
    api<UsageResponse>('/api/v1/usage', { query: { start_date: from, end_date: to } });
  const usage = useLoad(async () => {
    const [total, days] = await Promise.all([
      get(range.from, range.to),
      inBatches(daysOf(range), 6, async (day) => ({ day, usage: await get(day, day) })),
    ]);
    return { total, series: usageSeries(days) };
  }, [range.from, range.to]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) setRange(draft);
  };
  return (
    <section>
      <h1>Usage</h1>
      <form className="card" onSubmit={submit} aria-label="Date range">
        <div className="grid">
          <Field
            label="From"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
          <Field
            label="To"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        {problem && <p className="error">{problem}</p>}
        <button type="submit" disabled={!!problem || usage.loading}>
          Show usage
        </button>
      </form>
      {usage.loading && <Loading what="Loading usage" />}
      <ErrorMessage error={usage.error} />
      {usage.data && (
        <>
          <UsageSummary total={usage.data.total} />
          <div className="card">
            <h2>
              API calls per day, {range.from} to {range.to}
            </h2>
            <UsageChart series={usage.data.series} limit={usage.data.total.quota.api_calls_limit} />
          </div>
        </>
      )}
    </section>
  );
}
