import type { UsageResponse } from '@platform/contracts';
import { daysOf, defaultRange, inBatches, percentage, rangeProblem, usageSeries } from './usage';

const usage = (apiCalls: number, recs = 0): UsageResponse => ({
  period: { start: '2026-01-01', end: '2026-01-01' },
  metrics: { api_calls: apiCalls, recommendations_served: recs, items_indexed: 0, average_latency_ms: 1 },
  quota: { api_calls_limit: 1000, api_calls_used: apiCalls, percentage_used: 0 },
});

describe('usage range', () => {
  it('defaults to the last 30 UTC days, today included', () => {
    const range = defaultRange(new Date('2026-03-10T23:30:00Z'));
    expect(range).toEqual({ from: '2026-02-09', to: '2026-03-10' });
    expect(daysOf(range)).toHaveLength(30);
  });

  it('lists every day of a range across a month end, both ends included', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('says why a range cannot be drawn', () => {
    expect(rangeProblem({ from: '2026-03-02', to: '2026-03-01' })).toMatch(/on or after/);
    expect(rangeProblem({ from: '', to: '2026-03-01' })).toMatch(/both/);
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toMatch(/at most 92/);
    expect(rangeProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeUndefined();
  });
});

describe('usageSeries', () => {
  it('keeps each day and the running total of API calls', () => {
    const series = usageSeries([
      { day: '2026-01-01', usage: usage(5, 2) },
      { day: '2026-01-02', usage: usage(0) },
      { day: '2026-01-03', usage: usage(7, 1) },
    ]);
    expect(series.map((p) => p.apiCalls)).toEqual([5, 0, 7]);
    expect(series.map((p) => p.cumulative)).toEqual([5, 5, 12]);
    expect(series.map((p) => p.recommendations)).toEqual([2, 0, 1]);
  });
});

describe('percentage', () => {
  it('rounds to one decimal', () => {
    expect(percentage(1, 3)).toBe('33.3%');
    expect(percentage(0, 1000)).toBe('0%');
    expect(percentage(1500, 1000)).toBe('150%');
    expect(percentage(5, 100_000)).toBe('less than 0.1%');
  });

  it('handles a zero limit', () => {
    expect(percentage(0, 0)).toBe('0%');
    expect(percentage(3, 0)).toBe('100%');
  });
});

describe('inBatches', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await inBatches([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await Promise.resolve();
      await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });
});
