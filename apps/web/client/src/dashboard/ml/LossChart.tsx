import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** The training loss per epoch as a line. */
export function LossChart({ series }: { series: { epoch: number; loss: number }[] }) {
  if (!series.length) return <p>No epochs finished yet.</p>;
  const last = series[series.length - 1];
  return (
    <figure className="chart" aria-label="Loss per epoch">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={series} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" label={{ value: 'Epoch', position: 'insideBottom', offset: -8 }} />
          <YAxis width={70} tickFormatter={(v: number) => v.toPrecision(3)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} />
          <Line
            type="monotone"
            dataKey="loss"
            name="Loss"
            stroke="#0b57d0"
            dot={series.length < 40}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>
        Loss per epoch: {series.length} epoch{series.length === 1 ? '' : 's'}, last {last.loss.toPrecision(4)}
        .
      </figcaption>
    </figure>
  );
}
