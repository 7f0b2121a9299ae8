import type { ModelVersion } from '@platform/contracts';
import { compareVersions, metricsSeries, newestFirst, rollbackTarget } from './models';

const model = (version: string, extra: Partial<ModelVersion> = {}): ModelVersion => ({
  version,
  model_type: 'matrix_factorization',
  status: 'candidate',
  job_id: '00000000-0000-4000-8000-000000000001',
  validation_metrics: {
    ndcg_at_10: 0.123456,
    recall_at_10: 0.2,
    baseline: { name: 'popularity', ndcg_at_10: 0.1, recall_at_10: 0.15 },
    users_evaluated: 10,
  },
  users: 10,
  items: 20,
  dimension: 8,
  created_at: '2026-01-01T00:00:00.000Z',
  activated_at: null,
  ...extra,
});

describe('model versions', () => {
  it('compares versions number by number', () => {
    expect(compareVersions('v1.10.0', 'v1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('v1.2.0', 'v1.2.0')).toBe(0);
    expect(newestFirst([model('v1.2.0'), model('v1.10.0'), model('v1.1.0')]).map((m) => m.version)).toEqual([
      'v1.10.0',
      'v1.2.0',
      'v1.1.0',
    ]);
  });

  it('charts the metrics oldest first with the popularity baseline', () => {
    const series = metricsSeries([
      model('v1.2.0', {
        validation_metrics: {
          ndcg_at_10: 0.5,
          recall_at_10: 0.6,
          baseline: { name: 'popularity', ndcg_at_10: 0.2, recall_at_10: 0.3 },
          users_evaluated: 5,
        },
      }),
      model('v1.1.0'),
    ]);
    expect(series).toEqual([
      { version: 'v1.1.0', ndcg: 0.1235, recall: 0.2, baselineNdcg: 0.1, baselineRecall: 0.15 },
      { version: 'v1.2.0', ndcg: 0.5, recall: 0.6, baselineNdcg: 0.2, baselineRecall: 0.3 },
    ]);
  });

  it('rolls back to the version activated before the active one', () => {
    const models = [
      model('v1.3.0', { status: 'active', activated_at: '2026-01-03T00:00:00.000Z' }),
      model('v1.2.0'),
      model('v1.1.0', { activated_at: '2026-01-02T00:00:00.000Z' }),
    ];
    expect(rollbackTarget(models, 'v1.3.0')?.version).toBe('v1.1.0');
  });

  it('rolls back to the newest older version when none was activated before', () => {
    const models = [model('v1.3.0', { status: 'active' }), model('v1.2.0'), model('v1.4.0')];
    expect(rollbackTarget(models, 'v1.3.0')?.version).toBe('v1.2.0');
    expect(rollbackTarget([model('v1.1.0', { status: 'active' })], 'v1.1.0')).toBeUndefined();
    expect(rollbackTarget(models, null)).toBeUndefined();
  });
});
