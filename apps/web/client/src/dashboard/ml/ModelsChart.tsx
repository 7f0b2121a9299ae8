import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MetricsPoint } from './models';

/** NDCG@10 and Recall@10 of each version as bars, the popularity baseline of each as dashed lines. */
export function ModelsChart({ series }: { series: MetricsPoint[] }) {
  const baseline = series.some((p) => p.baselineNdcg !== undefined);
  return (
    <figure className="chart" aria-label="NDCG@10 and Recall@10 by model version">
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={series} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="version" />
          <YAxis domain={[0, 'auto']} width={60} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          <Bar dataKey="ndcg" name="NDCG@10" fill="#0b57d0" isAnimationActive={false} />
          <Bar dataKey="recall" name="Recall@10" fill="#137333" isAnimationActive={false} />
          {baseline && (
            <Line
              dataKey="baselineNdcg"
              name="Popularity NDCG@10"
              stroke="#8c1d18"
              strokeDasharray="5 4"
              isAnimationActive={false}
            />
          )}
          {baseline && (
            <Line
              dataKey="baselineRecall"
              name="Popularity Recall@10"
              stroke="#7a4d00"
              strokeDasharray="2 3"
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption>
        NDCG@10 and Recall@10 by version, oldest to newest, on each version's held-out split.
      </figcaption>
    </figure>
  );
}
