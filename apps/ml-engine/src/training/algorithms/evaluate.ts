import type { ValidationMetrics } from '@platform/contracts';
import { Random } from './random';
import { itemPopularity, toCsr, hasEntry } from './sparse';
import type { HeldOut, Interactions, TrainedModel } from './types';

/**
 * Holds out `share` of each user's pairs (at least one, never all; users with fewer than 3 pairs keep
 * them all) as the validation slice. The result shares `users` and `items` with the input.
 */
export function splitHoldout(
  all: Interactions,
  share: number,
  seed: number,
): { train: Interactions; heldOut: HeldOut } {
  const rnd = new Random(seed);
  const byUserRows: number[][] = all.users.map(() => []);
  for (let n = 0; n < all.userIdx.length; n++) if (all.weight[n] > 0) byUserRows[all.userIdx[n]].push(n);
  const out = new Uint8Array(all.userIdx.length);
  const heldOut: HeldOut = new Map();
  byUserRows.forEach((rows, u) => {
    if (rows.length < 3) return;
    const take = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * share)));
    const order = Int32Array.from(rows);
    rnd.shuffle(order);
    const set = new Set<number>();
    for (let t = 0; t < take; t++) {
      out[order[t]] = 1;
      set.add(all.itemIdx[order[t]]);
    }
    heldOut.set(u, set);
  });
  const keep: number[] = [];
  for (let n = 0; n < out.length; n++) if (!out[n]) keep.push(n);
  const pick = <T extends Int32Array | Float32Array>(a: T, make: (n: number) => T): T => {
    const r = make(keep.length);
    keep.forEach((n, k) => (r[k] = a[n]));
    return r;
  };
  const train: Interactions = {
    users: all.users,
    items: all.items,
    userIdx: pick(all.userIdx, (n) => new Int32Array(n)),
    itemIdx: pick(all.itemIdx, (n) => new Int32Array(n)),
    weight: pick(all.weight, (n) => new Float32Array(n)),
  };
  return { train, heldOut };
}

/** NDCG@k and Recall@k (hits / min(k, held out)) of one ranking against the user's held-out set. */
export function rankMetrics(
  ranked: number[],
  relevant: Set<number>,
  k: number,
): { ndcg: number; recall: number } {
  let dcg = 0;
  let hits = 0;
  ranked.slice(0, k).forEach((j, r) => {
    if (!relevant.has(j)) return;
    hits++;
    dcg += 1 / Math.log2(r + 2);
  });
  let idcg = 0;
  const ideal = Math.min(k, relevant.size);
  for (let r = 0; r < ideal; r++) idcg += 1 / Math.log2(r + 2);
  return { ndcg: idcg > 0 ? dcg / idcg : 0, recall: ideal > 0 ? hits / ideal : 0 };
}

/** The `k` best-scored items, skipping `skip(j)`; ties go to the lower index. */
export function topK(scores: Float32Array, k: number, skip: (j: number) => boolean): number[] {
  const best: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    if (skip(j)) continue;
    const s = scores[j];
    if (best.length === k && s <= scores[best[k - 1]]) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && scores[best[at - 1]] < s) at--;
    best.splice(at, 0, j);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * The model's NDCG@k and Recall@k on the held-out slice, beside popularity on the same slice; items the
 * user had in training are not ranked. Model rows are those of `train.users` / `train.items`.
 */
export function evaluate(
  model: TrainedModel,
  train: Interactions,
  heldOut: HeldOut,
  k = 10,
): ValidationMetrics {
  const f = model.dimension;
  const seen = toCsr(train, 'user');
  const pop = itemPopularity(train);
  const scores = new Float32Array(train.items.length);
  const sum = { ndcg: 0, recall: 0, popNdcg: 0, popRecall: 0, users: 0 };
  for (const [u, relevant] of heldOut) {
    if (relevant.size === 0) continue;
    const skip = (j: number) => hasEntry(seen, u, j);
    for (let j = 0; j < scores.length; j++) {
      let s = 0;
      for (let a = 0; a < f; a++) s += model.userFactors[u * f + a] * model.itemFactors[j * f + a];
      scores[j] = s;
    }
    const m = rankMetrics(topK(scores, k, skip), relevant, k);
    const p = rankMetrics(topK(pop, k, skip), relevant, k);
    sum.ndcg += m.ndcg;
    sum.recall += m.recall;
    sum.popNdcg += p.ndcg;
    sum.popRecall += p.recall;
    sum.users++;
  }
  const n = Math.max(1, sum.users);
  return {
    ndcg_at_10: sum.ndcg / n,
    recall_at_10: sum.recall / n,
    baseline: { name: 'popularity', ndcg_at_10: sum.popNdcg / n, recall_at_10: sum.popRecall / n },
    users_evaluated: sum.users,
  };
}
