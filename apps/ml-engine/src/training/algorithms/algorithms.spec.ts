import type { ModelType } from '@platform/contracts';
import { evaluate, splitHoldout, topK, trainerFor, type EpochReport } from './index';
import { plantedData } from './planted';
import type { TrainedModel } from '../../model-space';

const TYPES: ModelType[] = ['matrix_factorization', 'two_tower', 'gnn'];

function scoresOf(m: TrainedModel, u: number): Float32Array {
  const f = m.dimension;
  const s = new Float32Array(m.itemIds.length);
  for (let j = 0; j < s.length; j++)
    for (let a = 0; a < f; a++) s[j] += m.userFactors[u * f + a] * m.itemFactors[j * f + a];
  return s;
}

describe.each(TYPES)('%s on a planted data set', (type) => {
  // ALS regularisation is absolute (as in `implicit`), its default sized for ~100 pairs per user: this
  // data set has 7
  const hyper = { embedding_dim: 16, ...(type === 'matrix_factorization' ? { regularization: 10 } : {}) };

  it('ranks the unseen items of the user’s own group first, well above popularity', () => {
    const { data, content, groupOfUser, groupOfItem } = plantedData(1);
    const { train, heldOut } = splitHoldout(data, 0.3, 2);
    const epochs: EpochReport[] = [];
    const model = trainerFor(type)({ train, content, hyper }, (r) => epochs.push(r));

    expect(model.modelType).toBe(type);
    expect(model.userFactors).toHaveLength(data.users.length * 16);
    expect(model.itemFactors).toHaveLength(data.items.length * 16);
    expect(epochs.map((e) => e.epoch)).toEqual(epochs.map((_, k) => k + 1));
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0].loss);

    const seen = new Set(Array.from(train.userIdx, (u, n) => `${u}:${train.itemIdx[n]}`));
    let own = 0;
    let all = 0;
    groupOfUser.forEach((g, u) => {
      const top = topK(scoresOf(model, u), 10, (j) => seen.has(`${u}:${j}`));
      own += top.filter((j) => groupOfItem[j] === g).length;
      all += top.length;
    });
    expect(own / all).toBeGreaterThanOrEqual(0.9);

    const metrics = evaluate(model, train, heldOut, 10);
    expect(metrics.users_evaluated).toBe(data.users.length);
    expect(metrics.ndcg_at_10).toBeGreaterThan(metrics.baseline.ndcg_at_10 + 0.05);
    expect(metrics.recall_at_10).toBeGreaterThan(metrics.baseline.recall_at_10 + 0.1);
  });

  it('places items without interactions by their content (cold start), with popularity and a content map', () => {
    const { data, content, groupOfUser, groupOfItem } = plantedData(3, 3);
    const model = trainerFor(type)({ train: data, content, hyper }, () => undefined);
    expect(model.contentMap).toMatchObject({ inputDim: content.dim });
    expect(model.contentMap!.weights).toHaveLength(16 * content.dim);
    expect(model.popularity.itemIds).toEqual(data.items);
    expect(model.popularity.scores[17]).toBe(0); // a cold item
    expect(model.popularity.scores[0]).toBeGreaterThan(0);

    let placed = 0;
    groupOfUser.forEach((g, u) => {
      const s = scoresOf(model, u);
      const cold = [17, 18, 19].map((k) => s[k + 20 * g]);
      const other = groupOfItem.flatMap((h, j) => (h === g ? [] : [s[j]])).sort((a, b) => a - b);
      if (Math.min(...cold) > other[Math.floor(other.length / 2)]) placed++;
    });
    expect(placed / groupOfUser.length).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic for a seed and differs for another', () => {
    const { data } = plantedData(1);
    const run = (seed: number) =>
      trainerFor(type)({ train: data, hyper: { embedding_dim: 8, epochs: 2, seed } }, () => undefined);
    const a = run(5);
    expect(Array.from(run(5).itemFactors)).toEqual(Array.from(a.itemFactors));
    expect(Array.from(run(6).itemFactors)).not.toEqual(Array.from(a.itemFactors));
    expect(a.contentMap).toBeUndefined();
  });
});
