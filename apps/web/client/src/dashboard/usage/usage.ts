import type { UsageResponse } from '@platform/contracts';

export interface DateRange {
  from: string;
  to: string;
}

/** The longest range drawn day by day (one usage call per day). */
export const MAX_CHART_DAYS = 92;

const DAY_MS = 86_400_000;

/** A Date as its UTC day, YYYY-MM-DD (the usage API counts UTC days). */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The default range: the last 30 days, today included. */
export function defaultRange(now: Date = new Date()): DateRange {
  return { from: utcDay(new Date(now.getTime() - 29 * DAY_MS)), to: utcDay(now) };
}

/** Every UTC day from `from` to `to`, both included; empty when the range is backwards or invalid. */
export function daysOf(range: DateRange): string[] {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const days: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) days.push(utcDay(new Date(t)));
  return days;
}

/** Why a range cannot be drawn, as a sentence; undefined when it can. */
export function rangeProblem(range: DateRange): string | undefined {
  if (!range.from || !range.to) return 'Choose both a start and an end date.';
  const n = daysOf(range).length;
  if (n === 0) return 'The end date must be on or after the start date.';
  if (n > MAX_CHART_DAYS) return `Choose at most ${MAX_CHART_DAYS} days.`;
  return undefined;
}

export interface UsagePoint {
  day: string;
  apiCalls: number;
  recommendations: number;
  /** API calls from the first day of the range to this one. */
  cumulative: number;
}

/** One point per day from each day's usage answer, with the running total of API calls. */
export function usageSeries(days: { day: string; usage: UsageResponse }[]): UsagePoint[] {
  let cumulative = 0;
  return days.map(({ day, usage }) => {
    cumulative += usage.metrics.api_calls;
    return {
      day,
      apiCalls: usage.metrics.api_calls,
      recommendations: usage.metrics.recommendations_served,
      cumulative,
    };
  });
}

/** A share of the quota as people read it: "12.5%", "0%", capped to one decimal. */
export function percentage(used: number, limit: number): string {
  if (limit <= 0) return used > 0 ? '100%' : '0%';
  const pct = Math.round((used / limit) * 1000) / 10;
  if (pct === 0 && used > 0) return 'less than 0.1%';
  return `${pct}%`;
}

/** Runs `task` over `inputs` with at most `limit` at a time, answers in the inputs' order. */
export async function inBatches<I, O>(
  inputs: I[],
  limit: number,
  task: (input: I) => Promise<O>,
): Promise<O[]> {
  const out: O[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      out[i] = await task(inputs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return out;
}
