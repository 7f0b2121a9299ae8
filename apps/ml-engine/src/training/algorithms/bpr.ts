import type { Random } from './random';
import { type Csr, hasEntry } from './sparse';

/**
 * BPR triples: a positive pair drawn from the observed ones in proportion to its weight (a purchase is
 * trained on more often than a view), negatives the user never had.
 */
export class TripleSampler {
  private readonly rowOf: Int32Array;
  private readonly cumulative: Float64Array;

  constructor(
    private readonly byUser: Csr,
    private readonly items: number,
    private readonly rnd: Random,
  ) {
    this.rowOf = new Int32Array(byUser.col.length);
    for (let u = 0; u < byUser.rows; u++) this.rowOf.fill(u, byUser.ptr[u], byUser.ptr[u + 1]);
    this.cumulative = new Float64Array(byUser.val.length);
    let sum = 0;
    byUser.val.forEach((w, k) => (this.cumulative[k] = sum += w));
  }

  get positives(): number {
    return this.byUser.col.length;
  }

  /** The user and item of a random observed pair, as [user, item]. */
  positive(out: Int32Array): void {
    const c = this.cumulative;
    const x = this.rnd.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    const k = lo;
    out[0] = this.rowOf[k];
    out[1] = this.byUser.col[k];
  }

  /** An item the user has not interacted with (a few tries; a user who has every item gets any). */
  negative(user: number): number {
    let j = this.rnd.int(this.items);
    for (let t = 0; t < 20 && hasEntry(this.byUser, user, j); t++) j = this.rnd.int(this.items);
    return j;
  }
}

/** log(1 + e^−x), stable. */
export function softplusNeg(x: number): number {
  return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
}

/** σ(−x) = 1 − σ(x): the BPR gradient's scale. */
export function sigmoidNeg(x: number): number {
  return 1 / (1 + Math.exp(x));
}
