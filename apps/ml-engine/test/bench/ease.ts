// EASE (Steck 2019), the closed-form linear reference: B = I − P·diagMat(1/diag(P)), P = (XᵀX + λI)⁻¹.
// Returned as a TrainedModel whose "factors" are X (users × items) and Bᵀ, so a user's score of item j
// is X_u · B_{·j}, and evaluate() ranks it like any other model.
import type { Interactions, TrainedModel } from '../../src/training/algorithms/types';
import { itemPopularity } from '../../src/training/algorithms';

export function trainEase(train: Interactions, lambda: number): TrainedModel {
  const nu = train.users.length;
  const n = train.items.length;
  const x = new Float32Array(nu * n);
  for (let k = 0; k < train.userIdx.length; k++) x[train.userIdx[k] * n + train.itemIdx[k]] = train.weight[k];
  const g = new Float64Array(n * n);
  const rows: number[][] = train.users.map(() => []);
  for (let k = 0; k < train.userIdx.length; k++) rows[train.userIdx[k]].push(k);
  for (const r of rows)
    for (const a of r)
      for (const b of r) g[train.itemIdx[a] * n + train.itemIdx[b]] += train.weight[a] * train.weight[b];
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  invertInPlace(g, n);
  const bt = new Float32Array(n * n); // row j of Bᵀ = column j of B
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) bt[j * n + i] = i === j ? 0 : -g[i * n + j] / g[j * n + j];
  return {
    modelType: 'matrix_factorization',
    dimension: n,
    userIds: train.users,
    itemIds: train.items,
    userFactors: x,
    itemFactors: bt,
    popularity: { itemIds: train.items, scores: itemPopularity(train) },
  };
}

/** Gauss–Jordan inverse of a symmetric positive-definite matrix (no pivoting needed). */
function invertInPlace(a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const pivot = a[k * n + k];
    const inv = 1 / pivot;
    for (let j = 0; j < n; j++) a[k * n + j] *= inv;
    a[k * n + k] = inv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = a[i * n + k];
      if (f === 0) continue;
      const ro = i * n;
      const ko = k * n;
      for (let j = 0; j < n; j++) a[ro + j] -= f * a[ko + j];
      a[ro + k] = -f * inv;
    }
  }
}
