import { finishModel } from './content-map';
import { gram } from './linalg';
import { Random } from './random';
import { type Csr, toCsr } from './sparse';
import type { ResolvedHyper, Trainer, TrainInput } from './types';

/** Conjugate-gradient steps per row and iteration, as the `implicit` library's default. */
const CG_STEPS = 3;

/**
 * Implicit ALS (Hu, Koren, Volinsky 2008) with the conjugate-gradient row updates of Takács et al. as the
 * `implicit` library does them: confidence c = 1 + alpha·weight on observed pairs (preference 1), 1 and
 * preference 0 elsewhere. `learning_rate` and `negatives` do not apply.
 */
export function trainAls(hyper: ResolvedHyper): Trainer {
  return (input: TrainInput, onEpoch) => {
    const { train } = input;
    const f = hyper.embedding_dim;
    const rnd = new Random(hyper.seed);
    const nu = train.users.length;
    const ni = train.items.length;
    const byUser = toCsr(train, 'user');
    const byItem = toCsr(train, 'item');
    const x = rnd.normals(nu * f, 0.01);
    const y = rnd.normals(ni * f, 0.01);
    for (let epoch = 1; epoch <= hyper.epochs; epoch++) {
      cgSweep(byUser, x, y, ni, f, hyper);
      cgSweep(byItem, y, x, nu, f, hyper);
      onEpoch({ epoch, loss: alsLoss(byUser, x, y, nu, ni, f, hyper) });
    }
    return finishModel('matrix_factorization', input, f, x, y, { mapColdItems: true, lambda: 1 });
  };
}

/** Updates every row of `x` against the fixed `y` (a few CG steps from the current value). */
function cgSweep(m: Csr, x: Float32Array, y: Float32Array, yRows: number, f: number, h: ResolvedHyper): void {
  const yty = gram(y, yRows, f);
  for (let a = 0; a < f; a++) yty[a * f + a] += h.regularization;
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  for (let u = 0; u < m.rows; u++) {
    const xo = u * f;
    // r = b − A·x, with A = YᵀY + λI + Σ (c−1)·y yᵀ and b = Σ c·y
    for (let a = 0; a < f; a++) {
      let s = 0;
      for (let b = 0; b < f; b++) s += yty[a * f + b] * x[xo + b];
      r[a] = -s;
    }
    for (let k = m.ptr[u]; k < m.ptr[u + 1]; k++) {
      const c = 1 + h.alpha * m.val[k];
      const yo = m.col[k] * f;
      let yx = 0;
      for (let a = 0; a < f; a++) yx += y[yo + a] * x[xo + a];
      const s = c - (c - 1) * yx;
      for (let a = 0; a < f; a++) r[a] += s * y[yo + a];
    }
    let rsOld = 0;
    for (let a = 0; a < f; a++) {
      p[a] = r[a];
      rsOld += r[a] * r[a];
    }
    for (let step = 0; step < CG_STEPS && rsOld > 1e-20; step++) {
      for (let a = 0; a < f; a++) {
        let s = 0;
        for (let b = 0; b < f; b++) s += yty[a * f + b] * p[b];
        ap[a] = s;
      }
      for (let k = m.ptr[u]; k < m.ptr[u + 1]; k++) {
        const c1 = h.alpha * m.val[k];
        const yo = m.col[k] * f;
        let yp = 0;
        for (let a = 0; a < f; a++) yp += y[yo + a] * p[a];
        const s = c1 * yp;
        for (let a = 0; a < f; a++) ap[a] += s * y[yo + a];
      }
      let pap = 0;
      for (let a = 0; a < f; a++) pap += p[a] * ap[a];
      const step = rsOld / pap;
      let rsNew = 0;
      for (let a = 0; a < f; a++) {
        x[xo + a] += step * p[a];
        r[a] -= step * ap[a];
        rsNew += r[a] * r[a];
      }
      const beta = rsNew / rsOld;
      for (let a = 0; a < f; a++) p[a] = r[a] + beta * p[a];
      rsOld = rsNew;
    }
  }
}

/**
 * Σ over all pairs of c·(p − x·y)² plus λ(‖X‖² + ‖Y‖²), divided by the number of pairs: the zero pairs
 * come from xᵀ(YᵀY)x, so the cost is that of one pass over the observed pairs.
 */
function alsLoss(
  m: Csr,
  x: Float32Array,
  y: Float32Array,
  nu: number,
  ni: number,
  f: number,
  h: ResolvedHyper,
): number {
  const yty = gram(y, ni, f);
  let loss = 0;
  let norms = 0;
  for (let u = 0; u < nu; u++) {
    const xo = u * f;
    for (let a = 0; a < f; a++) {
      let s = 0;
      for (let b = 0; b < f; b++) s += yty[a * f + b] * x[xo + b];
      loss += s * x[xo + a];
      norms += x[xo + a] * x[xo + a];
    }
    for (let k = m.ptr[u]; k < m.ptr[u + 1]; k++) {
      const c = 1 + h.alpha * m.val[k];
      const yo = m.col[k] * f;
      let s = 0;
      for (let a = 0; a < f; a++) s += y[yo + a] * x[xo + a];
      loss += c * (1 - s) * (1 - s) - s * s;
    }
  }
  for (let i = 0; i < ni * f; i++) norms += y[i] * y[i];
  return (loss + h.regularization * norms) / Math.max(1, nu * ni);
}
