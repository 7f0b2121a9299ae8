import { evaluate, fitContentMap, rankMetrics, splitHoldout, topK, type Interactions } from './index';
import type { TrainedModel } from '../../model-space';

const log2 = Math.log2;

describe('rankMetrics', () => {
  it('computes NDCG and recall by hand', () => {
    // hits at ranks 2 and 4 of 2 relevant: DCG = 1/log2(3) + 1/log2(5), IDCG = 1 + 1/log2(3)
    const m = rankMetrics([1, 2, 3, 4], new Set([2, 4]), 10);
    expect(m.ndcg).toBeCloseTo((1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3)), 10);
    expect(m.recall).toBe(1);
    // at k = 2 only the hit at rank 2 counts, of min(2, 2) possible
    const m2 = rankMetrics([1, 2, 3, 4], new Set([2, 4]), 2);
    expect(m2.ndcg).toBeCloseTo(1 / log2(3) / (1 + 1 / log2(3)), 10);
    expect(m2.recall).toBe(0.5);
    // recall is normalised by min(k, |relevant|): 1 hit of 3 relevant at k = 1 is 1
    expect(rankMetrics([7], new Set([7, 8, 9]), 1)).toEqual({ ndcg: 1, recall: 1 });
    expect(rankMetrics([1, 2], new Set([5]), 2)).toEqual({ ndcg: 0, recall: 0 });
  });
});

describe('topK', () => {
  it('returns the best scores first, skipping, ties to the lower index', () => {
    const scores = Float32Array.from([0.5, 0.9, 0.1, 0.9, 0.7]);
    expect(topK(scores, 3, () => false)).toEqual([1, 3, 4]);
    expect(topK(scores, 3, (j) => j === 1)).toEqual([3, 4, 0]);
    expect(topK(scores, 10, (j) => j > 2)).toEqual([1, 0, 2]);
  });
});

describe('evaluate', () => {
  // user 0 saw item 0 and held out {2, 4}; user 1 saw items 3 (weight 1) and 4 (weight 2)
  const train: Interactions = {
    users: ['a', 'b'],
    items: ['i0', 'i1', 'i2', 'i3', 'i4'],
    userIdx: Int32Array.from([0, 1, 1]),
    itemIdx: Int32Array.from([0, 3, 4]),
    weight: Float32Array.from([1, 1, 2]),
  };
  const model: TrainedModel = {
    modelType: 'matrix_factorization',
    dimension: 1,
    userIds: train.users,
    itemIds: train.items,
    userFactors: Float32Array.from([1, -1]),
    itemFactors: Float32Array.from([5, 4, 3, 2, 1]), // user 0 ranks 1, 2, 3, 4 once item 0 is excluded
    popularity: { itemIds: train.items, scores: new Float32Array(5) },
  };

  it('scores the model and popularity on the held-out slice, excluding seen items', () => {
    const m = evaluate(model, train, new Map([[0, new Set([2, 4])]]), 10);
    const idcg = 1 + 1 / log2(3);
    expect(m.users_evaluated).toBe(1);
    expect(m.ndcg_at_10).toBeCloseTo((1 / log2(3) + 1 / log2(5)) / idcg, 6);
    expect(m.recall_at_10).toBe(1);
    // popularity ranks 4 (2), 3 (1), then 1, 2: hits at ranks 1 and 4
    expect(m.baseline.name).toBe('popularity');
    expect(m.baseline.ndcg_at_10).toBeCloseTo((1 + 1 / log2(5)) / idcg, 6);
    expect(m.baseline.recall_at_10).toBe(1);
  });

  it('averages over users and skips empty held-out sets', () => {
    const m = evaluate(
      model,
      train,
      new Map([
        [0, new Set([1])],
        [1, new Set<number>()],
      ]),
      1,
    );
    expect(m).toMatchObject({ ndcg_at_10: 1, recall_at_10: 1, users_evaluated: 1 });
    expect(m.baseline.ndcg_at_10).toBe(0);
  });
});

describe('splitHoldout', () => {
  const rows = 200;
  const all: Interactions = {
    users: Array.from({ length: 11 }, (_, u) => `u${u}`),
    items: Array.from({ length: 40 }, (_, j) => `i${j}`),
    // user 10 has 2 pairs only; users 0..9 have 20 each
    userIdx: Int32Array.from({ length: rows + 2 }, (_, n) => (n < rows ? n % 10 : 10)),
    itemIdx: Int32Array.from({ length: rows + 2 }, (_, n) => (n < rows ? Math.floor(n / 10) : n - rows)),
    weight: Float32Array.from({ length: rows + 2 }, () => 1),
  };

  it('holds out a share of each user, disjoint from train and together all of it', () => {
    const { train, heldOut } = splitHoldout(all, 0.25, 3);
    expect(train.users).toBe(all.users);
    expect(heldOut.has(10)).toBe(false);
    expect(heldOut.size).toBe(10);
    for (const [, set] of heldOut) expect(set.size).toBe(5);
    expect(train.userIdx.length).toBe(rows + 2 - 50);
    const trainPairs = new Set(Array.from(train.userIdx, (u, n) => `${u}:${train.itemIdx[n]}`));
    for (const [u, set] of heldOut) for (const j of set) expect(trainPairs.has(`${u}:${j}`)).toBe(false);
    expect(trainPairs.size + 50).toBe(rows + 2);
  });

  it('is deterministic per seed', () => {
    const a = splitHoldout(all, 0.25, 3);
    const b = splitHoldout(all, 0.25, 3);
    const c = splitHoldout(all, 0.25, 4);
    expect(Array.from(a.train.itemIdx)).toEqual(Array.from(b.train.itemIdx));
    expect(Array.from(a.train.itemIdx)).not.toEqual(Array.from(c.train.itemIdx));
  });
});

describe('fitContentMap', () => {
  it('recovers a linear map with bias from content to factors', () => {
    const items = 30;
    const inputDim = 3;
    const dim = 2;
    const content = new Float32Array(items * inputDim).map((_, k) => Math.sin(k * 1.7) + (k % 5) / 3);
    const truth = [1, -2, 0.5, 0.25, 0, 3]; // dim × inputDim
    const bias = [0.5, -1];
    const factors = new Float32Array(items * dim);
    for (let j = 0; j < items; j++)
      for (let f = 0; f < dim; f++) {
        let s = bias[f];
        for (let d = 0; d < inputDim; d++) s += truth[f * inputDim + d] * content[j * inputDim + d];
        factors[j * dim + f] = s;
      }
    const map = fitContentMap(factors, { dim: inputDim, vectors: content }, dim, 1e-6);
    expect(map.inputDim).toBe(inputDim);
    Array.from(map.weights).forEach((w, k) => expect(w).toBeCloseTo(truth[k], 3));
    Array.from(map.bias).forEach((b, k) => expect(b).toBeCloseTo(bias[k], 3));
  });
});
