/**
 * Scores in [0, 1], monotone in the index's similarity, so ordering by score is ordering by nearness:
 * - cosine spaces (the content encoder): score = (1 + cos) / 2;
 * - inner-product spaces (trained models): score = sigmoid(dot), the logistic map of the model's own
 *   preference score.
 * `min_score` therefore keeps a prefix of the search's answer.
 */
export function scoreOf(metric: 'cos' | 'ip', distance: number): number {
  // the index's distance is 1 − cos or 1 − dot
  const similarity = 1 - distance;
  const s = metric === 'cos' ? (1 + similarity) / 2 : 1 / (1 + Math.exp(-similarity));
  return Math.min(1, Math.max(0, s));
}

/** The cosine distance 1 − cos(a, b) (1 when either is zero: nothing in common). */
export function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 1;
  return 1 - dot / Math.sqrt(na * nb);
}

/** Rounded for the answer (JSON needs no 17 digits). */
export const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;
