import type { UsageResponse } from '@platform/contracts';
import { percentage } from './usage';

const n = (v: number) => v.toLocaleString('en');

/** The range's totals and the quota of the month of its end date, as text. */
export function UsageSummary({ total }: { total: UsageResponse }) {
  const { metrics, quota } = total;
  return (
    <div className="card">
      <h2>Totals</h2>
      <dl className="grid">
        <div>
          <dt>API calls</dt>
          <dd>{n(metrics.api_calls)}</dd>
        </div>
        <div>
          <dt>Recommendations served</dt>
          <dd>{n(metrics.recommendations_served)}</dd>
        </div>
        <div>
          <dt>Items indexed</dt>
          <dd>{n(metrics.items_indexed)}</dd>
        </div>
        <div>
          <dt>Average latency</dt>
          <dd>{metrics.average_latency_ms.toFixed(1)} ms</dd>
        </div>
      </dl>
      <p>
        Quota for the month of {total.period.end.slice(0, 7)}: {n(quota.api_calls_used)} of{' '}
        {n(quota.api_calls_limit)} API calls used,{' '}
        <strong>{percentage(quota.api_calls_used, quota.api_calls_limit)} used</strong>.
      </p>
      <progress
        max={Math.max(quota.api_calls_limit, 1)}
        value={Math.min(quota.api_calls_used, quota.api_calls_limit)}
        aria-label="Percentage of the monthly quota used"
      />
    </div>
  );
}
