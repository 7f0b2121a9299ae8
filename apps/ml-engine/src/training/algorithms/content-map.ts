import { cholesky, choleskySolve } from './linalg';
import { itemPopularity } from './sparse';
import type { ItemContent, ModelType, TrainedModel, TrainInput } from './types';

type ContentMap = NonNullable<TrainedModel['contentMap']>;

function isKnown(content: ItemContent, j: number): boolean {
  const o = j * content.dim;
  for (let d = 0; d < content.dim; d++) if (content.vectors[o + d] !== 0) return true;
  return false;
}

/**
 * Ridge regression from content vectors to item factors (cold start): minimises
 * Σ‖W·c_j + b − y_j‖² + λ‖W‖² over the items with known content (and `fit[j]` set, when given).
 */
export function fitContentMap(
  itemFactors: Float32Array,
  content: ItemContent,
  dim: number,
  lambda: number,
  fit?: Uint8Array,
): ContentMap {
  const inputDim = content.dim;
  const n = inputDim + 1; // the last column is the bias
  const items = itemFactors.length / dim;
  const a = new Float64Array(n * n);
  const rhs = new Float64Array(n * dim);
  const x = new Float64Array(n);
  for (let j = 0; j < items; j++) {
    if ((fit && !fit[j]) || !isKnown(content, j)) continue;
    for (let d = 0; d < inputDim; d++) x[d] = content.vectors[j * inputDim + d];
    x[inputDim] = 1;
    for (let p = 0; p < n; p++) {
      const xp = x[p];
      if (xp === 0) continue;
      for (let q = p; q < n; q++) a[p * n + q] += xp * x[q];
      for (let f = 0; f < dim; f++) rhs[p * dim + f] += xp * itemFactors[j * dim + f];
    }
  }
  for (let p = 0; p < n; p++) for (let q = 0; q < p; q++) a[p * n + q] = a[q * n + p];
  for (let p = 0; p < inputDim; p++) a[p * n + p] += lambda;
  a[n * n - 1] += 1e-6; // keeps the bias solvable when no item has content
  cholesky(a, n);
  const weights = new Float32Array(dim * inputDim);
  const bias = new Float32Array(dim);
  const col = new Float64Array(n);
  for (let f = 0; f < dim; f++) {
    for (let p = 0; p < n; p++) col[p] = rhs[p * dim + f];
    choleskySolve(a, n, col);
    for (let d = 0; d < inputDim; d++) weights[f * inputDim + d] = col[d];
    bias[f] = col[inputDim];
  }
  return { inputDim, weights, bias };
}

/** itemVector = weights · content + bias. */
export function applyContentMap(
  map: ContentMap,
  content: Float32Array,
  co: number,
  out: Float32Array,
  oo: number,
): void {
  const dim = map.bias.length;
  for (let f = 0; f < dim; f++) {
    let s = map.bias[f];
    for (let d = 0; d < map.inputDim; d++) s += map.weights[f * map.inputDim + d] * content[co + d];
    out[oo + f] = s;
  }
}

/**
 * The parts every model type shares: popularity, the content map fitted on items seen in training, and
 * (unless the model already does so) content-mapped vectors for items with content but no interactions.
 */
export function finishModel(
  modelType: ModelType,
  input: TrainInput,
  dim: number,
  userFactors: Float32Array,
  itemFactors: Float32Array,
  opts: { mapColdItems: boolean; lambda: number },
): TrainedModel {
  const { train, content } = input;
  const popularity = itemPopularity(train);
  const model: TrainedModel = {
    modelType,
    dimension: dim,
    userIds: train.users,
    itemIds: train.items,
    userFactors,
    itemFactors,
    popularity: { itemIds: train.items, scores: popularity },
  };
  if (!content) return model;
  const seen = new Uint8Array(train.items.length);
  for (let n = 0; n < train.itemIdx.length; n++) if (train.weight[n] > 0) seen[train.itemIdx[n]] = 1;
  model.contentMap = fitContentMap(itemFactors, content, dim, opts.lambda, seen);
  if (opts.mapColdItems) {
    for (let j = 0; j < train.items.length; j++) {
      if (!seen[j] && isKnown(content, j))
        applyContentMap(model.contentMap, content.vectors, j * content.dim, itemFactors, j * dim);
    }
  }
  return model;
}
