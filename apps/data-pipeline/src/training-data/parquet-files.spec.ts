import { ParquetFiles } from './parquet-files';
import { type InteractionRow } from './training-rows';

const row = (id: string, timestamp: number): InteractionRow => ({
  tenant_id: 't1',
  day: '2026-11-24',
  interaction_id: id,
  user_id: 'u1',
  item_id: 'p1',
  interaction_type: 'view',
  timestamp,
  label: 1,
  context_features: { device: 'web' },
});

describe('ParquetFiles', () => {
  // a database recycled every two connections: writes, merges and reads overlap the switches
  const files = new ParquetFiles('64MB', 2);
  afterAll(() => files.close());

  it('writes, merges and reads files across the DuckDB databases it recycles, none closed under a connection', async () => {
    const paths = Array.from({ length: 9 }, () => files.localPath());
    await Promise.all(
      paths.map((p, i) =>
        files.writeInteractions([row(`r${i}`, 1000 + i), row(`r${i}b`, 2000 + i)], p, () => ({})),
      ),
    );
    const [merged, reads] = await Promise.all([
      (async () => {
        const out = files.localPath();
        return { out, ...(await files.merge('interactions', paths, out)) };
      })(),
      Promise.all(paths.map((p) => files.read(p))),
    ]);
    expect(reads.map((rows) => rows.map((r) => r.interaction_id))).toEqual(
      paths.map((_, i) => [`r${i}`, `r${i}b`]),
    );
    expect(merged.rows).toBe(18);
    const back = await files.read(merged.out);
    expect(back.map((r) => r.interaction_id)).toEqual([
      ...paths.map((_, i) => `r${i}`),
      ...paths.map((_, i) => `r${i}b`),
    ]); // ordered by timestamp
  });
});
