import { type ModelSpace } from '../model-space';
import { type RecentInteraction } from './recent-interactions';

/** How much interactions since training pull a known user's vector: n / (n + FOLD_IN_PRIOR). */
const FOLD_IN_PRIOR = 5;

/**
 * The weighted mean of the interacted items' vectors in the space (weights: the interactions' labels, so
 * a purchase pulls more than a view and a dislike not at all); undefined when no item has a vector.
 * A mean in the item space is the usual cheap fold-in: in the content space it is the user's taste
 * profile, in a trained space its dot product with an item is the mean item–item affinity.
 */
export function foldIn(space: ModelSpace, interactions: RecentInteraction[]): Float32Array | undefined {
  const sum = new Float32Array(space.dimension);
  let total = 0;
  for (const it of interactions) {
    if (it.weight <= 0) continue;
    const v = space.index.vectorOf(it.itemId);
    if (!v || v.length !== sum.length) continue;
    for (let i = 0; i < sum.length; i++) sum[i] += it.weight * v[i];
    total += it.weight;
  }
  if (total === 0) return undefined;
  for (let i = 0; i < sum.length; i++) sum[i] /= total;
  return sum;
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/**
 * The query vector of a user and how it was found: the model's vector of a known user, moved towards the
 * items of their interactions since training (if the space says when it was trained); the fold-in of
 * their recent interactions when the model does not know them; nothing (popularity) otherwise.
 */
export function userQuery(
  space: ModelSpace,
  userId: string,
  recent: RecentInteraction[],
): { vector: Float32Array; strategy: 'model' | 'fold_in' } | undefined {
  const known = space.userVector(userId);
  if (known) {
    const since = space.trainedAt;
    const fresh = since ? recent.filter((r) => r.timestamp > since) : [];
    const folded = fresh.length ? foldIn(space, fresh) : undefined;
    if (!folded) return { vector: known, strategy: 'model' };
    const alpha = fresh.length / (fresh.length + FOLD_IN_PRIOR);
    const nk = norm(known) || 1;
    const nf = norm(folded) || 1;
    // the blend keeps the model vector's length, so scores stay on the model's scale
    const vector = known.map((x, i) => nk * ((1 - alpha) * (x / nk) + alpha * (folded[i] / nf)));
    return { vector, strategy: 'fold_in' };
  }
  const folded = foldIn(space, recent);
  return folded ? { vector: folded, strategy: 'fold_in' } : undefined;
}
