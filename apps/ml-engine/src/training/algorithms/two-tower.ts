import { TripleSampler, sigmoidNeg, softplusNeg } from './bpr';
import { finishModel } from './content-map';
import { Adam } from './linalg';
import { Random } from './random';
import { toCsr } from './sparse';
import type { ItemContent, ResolvedHyper, Trainer, TrainInput } from './types';

/** Dense-layer (Adam) steps per epoch: the layers' gradients are summed over a slice of the epoch. */
const LAYER_STEPS = 10;
const LAYER_LR = 0.01;

/**
 * Two towers scored by their dot product, trained with BPR (SGD on the id embeddings):
 *   user = P[u] + A · mean(content of u's items)      item = Q[i] + W · content[i]
 * Within a slice the towers' content parts are held fixed and their gradients summed, then A and W take
 * one Adam step (the per-sample outer products would cost dim × contentDim each). Items without
 * interactions keep Q = 0, so their vector is W · content.
 */
export function trainTwoTower(hyper: ResolvedHyper): Trainer {
  return (input: TrainInput, onEpoch) => {
    const { train, content } = input;
    const f = hyper.embedding_dim;
    const rnd = new Random(hyper.seed);
    const nu = train.users.length;
    const ni = train.items.length;
    const byUser = toCsr(train, 'user');
    const sampler = new TripleSampler(byUser, ni, rnd);
    const p = rnd.normals(nu * f, 0.1);
    const q = new Float32Array(ni * f);
    const seen = new Uint8Array(ni);
    for (const j of byUser.col) seen[j] = 1;
    for (let j = 0; j < ni; j++) if (seen[j]) for (let a = 0; a < f; a++) q[j * f + a] = rnd.normal() * 0.1;
    const towers = content ? new ContentTowers(content, byUser.ptr, byUser.col, nu, f, rnd) : undefined;
    const cu = new Float32Array(nu * f);
    const ci = new Float32Array(ni * f);
    const uv = new Float32Array(f);
    const pair = new Int32Array(2);
    const { learning_rate: lr, regularization: reg, negatives } = hyper;
    const perSlice = Math.ceil(sampler.positives / LAYER_STEPS);
    for (let epoch = 1; epoch <= hyper.epochs; epoch++) {
      let loss = 0;
      for (let slice = 0; slice < LAYER_STEPS; slice++) {
        towers?.forward(cu, ci);
        for (let s = 0; s < perSlice; s++) {
          sampler.positive(pair);
          const u = pair[0];
          const i = pair[1];
          const uo = u * f;
          const io = i * f;
          for (let a = 0; a < f; a++) uv[a] = p[uo + a] + cu[uo + a];
          for (let n = 0; n < negatives; n++) {
            const jo = sampler.negative(u) * f;
            let x = 0;
            for (let a = 0; a < f; a++) x += uv[a] * (q[io + a] + ci[io + a] - q[jo + a] - ci[jo + a]);
            loss += softplusNeg(x);
            const g = sigmoidNeg(x);
            for (let a = 0; a < f; a++) {
              const du = g * (q[io + a] + ci[io + a] - q[jo + a] - ci[jo + a]);
              const dv = g * uv[a];
              p[uo + a] += lr * (du - reg * p[uo + a]);
              q[io + a] += lr * (dv - reg * q[io + a]);
              q[jo + a] += lr * (-dv - reg * q[jo + a]);
              towers?.accumulate(uo + a, io + a, jo + a, du, dv);
            }
          }
        }
        towers?.step(reg);
      }
      onEpoch({ epoch, loss: loss / (perSlice * LAYER_STEPS * negatives) });
    }
    towers?.forward(cu, ci);
    for (let k = 0; k < p.length; k++) p[k] += cu[k];
    for (let k = 0; k < q.length; k++) q[k] += ci[k];
    return finishModel('two_tower', input, f, p, q, { mapColdItems: false, lambda: 1 });
  };
}

/** The towers' content layers: A (user, over the mean of the user's items' content) and W (item). */
class ContentTowers {
  private readonly dim: number;
  private readonly userMean: Float32Array;
  private readonly a: Float32Array;
  private readonly w: Float32Array;
  private readonly adamA: Adam;
  private readonly adamW: Adam;
  private readonly gu: Float32Array;
  private readonly gi: Float32Array;

  constructor(
    private readonly content: ItemContent,
    ptr: Int32Array,
    col: Int32Array,
    private readonly users: number,
    private readonly f: number,
    rnd: Random,
  ) {
    const d = (this.dim = content.dim);
    this.userMean = new Float32Array(users * d);
    for (let u = 0; u < users; u++) {
      const n = ptr[u + 1] - ptr[u];
      for (let k = ptr[u]; k < ptr[u + 1]; k++)
        for (let e = 0; e < d; e++) this.userMean[u * d + e] += content.vectors[col[k] * d + e] / n;
    }
    this.a = rnd.normals(f * d, 0.01);
    this.w = rnd.normals(f * d, 0.01);
    this.adamA = new Adam(this.a, LAYER_LR);
    this.adamW = new Adam(this.w, LAYER_LR);
    this.gu = new Float32Array(users * f);
    this.gi = new Float32Array((content.vectors.length / d) * f);
  }

  forward(cu: Float32Array, ci: Float32Array): void {
    project(this.a, this.userMean, this.users, this.dim, this.f, cu);
    project(this.w, this.content.vectors, this.gi.length / this.f, this.dim, this.f, ci);
  }

  /** Sums the ascent directions of the content parts (user at `uk`, positive `ik`, negative `jk`). */
  accumulate(uk: number, ik: number, jk: number, du: number, dv: number): void {
    this.gu[uk] += du;
    this.gi[ik] += dv;
    this.gi[jk] -= dv;
  }

  step(reg: number): void {
    this.adamA.step(layerGradient(this.a, this.gu, this.userMean, this.f, this.dim, reg));
    this.adamW.step(layerGradient(this.w, this.gi, this.content.vectors, this.f, this.dim, reg));
    this.gu.fill(0);
    this.gi.fill(0);
  }
}

/** out (rows × f) = input (rows × d) · Mᵀ, M being f × d. */
function project(
  m: Float32Array,
  input: Float32Array,
  rows: number,
  d: number,
  f: number,
  out: Float32Array,
): void {
  for (let r = 0; r < rows; r++)
    for (let a = 0; a < f; a++) {
      let s = 0;
      for (let e = 0; e < d; e++) s += m[a * d + e] * input[r * d + e];
      out[r * f + a] = s;
    }
}

/** The loss gradient of M: −Σ_r g_r ⊗ x_r (g holds ascent directions), normalised, plus L2. */
function layerGradient(
  m: Float32Array,
  g: Float32Array,
  x: Float32Array,
  f: number,
  d: number,
  reg: number,
): Float32Array {
  const grad = new Float32Array(m.length);
  const rows = g.length / f;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    let any = false;
    for (let a = 0; a < f; a++) {
      const v = g[r * f + a];
      if (v === 0) continue;
      any = true;
      for (let e = 0; e < d; e++) grad[a * d + e] -= v * x[r * d + e];
    }
    if (any) count++;
  }
  const scale = 1 / Math.max(1, count);
  for (let k = 0; k < grad.length; k++) grad[k] = grad[k] * scale + reg * m[k];
  return grad;
}
