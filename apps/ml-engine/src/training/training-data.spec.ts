import { type TrainingCatalog } from '@platform/contracts';
import { alignContent } from './train-job';
import { estimateMinutes, sliceOf } from './training-data';

const T = '6f1b2a0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const partition = (date: string, files: string[], row_count: number) => ({
  date,
  path: `file:///data/tenants/${T}/training_data/${date}/`,
  files,
  row_count,
  file_size_mb: 0.1,
});
const catalog: TrainingCatalog = {
  tenant_id: T,
  data_version: 'v3',
  partitions: [
    partition('2019-02-28', ['a.parquet'], 10),
    partition('2019-03-01', ['b.parquet', 'c.parquet'], 20),
    partition('2019-03-02', ['d.parquet'], 30),
  ],
  schema_version: '1.0',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('sliceOf', () => {
  it("takes the listed files of the days the range touches, in UTC, and the range's instants", () => {
    const slice = sliceOf(catalog, T, {
      start_date: '2019-03-01T01:30:00+02:00', // 2019-02-28 in UTC
      end_date: '2019-03-01T23:00:00Z',
    });
    expect(slice.keys).toEqual([
      `tenants/${T}/training_data/2019-02-28/a.parquet`,
      `tenants/${T}/training_data/2019-03-01/b.parquet`,
      `tenants/${T}/training_data/2019-03-01/c.parquet`,
    ]);
    expect(slice).toMatchObject({
      rows: 30,
      from: Date.UTC(2019, 1, 28, 23, 30) / 1000,
      to: Date.UTC(2019, 2, 1, 23) / 1000,
    });
  });

  it('takes every day without a range, and nothing without a catalog', () => {
    expect(sliceOf(catalog, T)).toEqual({ keys: expect.any(Array), rows: 60 });
    expect(sliceOf(catalog, T).keys).toHaveLength(4);
    expect(sliceOf(undefined, T)).toEqual({ keys: [], rows: 0 });
  });
});

describe('alignContent', () => {
  it("puts each trained item's content row in the trained order, zero rows for unknown items", () => {
    const content = { itemIds: ['x', 'y'], dim: 2, vectors: Float32Array.from([1, 2, 3, 4]) };
    const aligned = alignContent(['y', 'z', 'x'], content);
    expect(aligned?.dim).toBe(2);
    expect([...aligned!.vectors]).toEqual([3, 4, 0, 0, 1, 2]);
    expect(alignContent(['z'], content)).toBeUndefined();
    expect(alignContent(['x'], undefined)).toBeUndefined();
  });
});

describe('estimateMinutes', () => {
  it('grows with rows, epochs and the cost of the model type', () => {
    expect(estimateMinutes('gnn', 1_000_000, 20)).toBeGreaterThan(
      estimateMinutes('matrix_factorization', 1_000_000, 20),
    );
    expect(estimateMinutes('gnn', 1_000_000, 20)).toBeGreaterThan(estimateMinutes('gnn', 1_000, 20));
    expect(estimateMinutes('gnn', 0, 20)).toBeGreaterThan(0);
  });
});
