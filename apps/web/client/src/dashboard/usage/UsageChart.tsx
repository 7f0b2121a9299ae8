import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { UsagePoint } from './usage';

/**
 * Each day's API calls (bars, left axis) and their running total (line, right axis) against the monthly
 * quota (a dashed line on the right axis, so a quota far above the day's calls does not flatten the bars),
 * with the same numbers in a table for screen readers and anyone who prefers them.
 */
export function UsageChart({ series, limit }: { series: UsagePoint[]; limit: number }) {
  const top = Math.max(limit, ...series.map((p) => p.cumulative));
  const dailyTop = Math.max(1, ...series.map((p) => p.apiCalls));
  return (
    <>
      <div
        style={{ width: '100%', height: 320 }}
        data-testid="usage-chart"
        role="figure"
        aria-label="API calls per day against the monthly quota (the numbers are in the table below)"
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={series} margin={{ top: 10, right: 10, bottom: 10, left: 0 }}>
            <CartesianGrid stroke="#e3e6ea" />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} />
            <YAxis yAxisId="day" domain={[0, Math.ceil(dailyTop * 1.1)]} allowDecimals={false} />
            <YAxis
              yAxisId="total"
              orientation="right"
              domain={[0, Math.ceil(top * 1.05) || 1]}
              allowDecimals={false}
            />
            <Tooltip />
            <Legend />
            <Bar yAxisId="day" dataKey="apiCalls" name="API calls that day (left axis)" fill="#0b57d0" />
            <Line
              yAxisId="total"
              dataKey="cumulative"
              name="API calls so far (right axis)"
              stroke="#1b6e3a"
              dot={false}
            />
            <ReferenceLine
              yAxisId="total"
              y={limit}
              stroke="#b3261e"
              strokeDasharray="6 4"
              label={{
                value: `Monthly quota ${limit.toLocaleString('en')}`,
                position: 'insideTopLeft',
                fill: '#8c1d18',
              }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>The numbers per day</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">API calls</th>
              <th scope="col">API calls so far</th>
              <th scope="col">Recommendations served</th>
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.day}>
                <td>{p.day}</td>
                <td>{p.apiCalls}</td>
                <td>{p.cumulative}</td>
                <td>{p.recommendations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
