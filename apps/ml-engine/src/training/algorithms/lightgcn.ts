import { TripleSampler, sigmoidNeg, softplusNeg } from './bpr';
import { finishModel } from './content-map';
import { Adam } from './linalg';
import { Random } from './random';
import { type Csr, toCsr } from './sparse';
import type { ResolvedHyper, Trainer, TrainInput } from './types';

/** Adam steps per epoch at most: each step propagates the whole graph forward and back. */
const MAX_STEPS = 8;
const MIN_BATCH = 2048;

/**
 * LightGCN (He et al. 2020): ego embeddings E⁰ of users and items, E^{k+1} = Â·E^k over the symmetric-
 * normalised bipartite graph Â = D^−½ A D^−½, final = mean of E⁰…E^K, BPR loss with sampled negatives.
 * The gradient flows back through the propagation exactly (final = S·E⁰ with S = mean of Â^k, and S is
 * symmetric, so ∂L/∂E⁰ = S·∂L/∂final). Large batches with Adam keep the number of full propagations per
 * epoch small; that is the one departure from the paper's 2,048-triple batches.
 */
export function trainLightGcn(hyper: ResolvedHyper): Trainer {
  return (input: TrainInput, onEpoch) => {
    const { train } = input;
    const f = hyper.embedding_dim;
    const rnd = new Random(hyper.seed);
    const nu = train.users.length;
    const ni = train.items.length;
    const byUser = toCsr(train, 'user');
    const byItem = toCsr(train, 'item');
    const graph = new Graph(byUser, byItem, f);
    const sampler = new TripleSampler(byUser, ni, rnd);
    const ego = rnd.normals((nu + ni) * f, 0.1);
    const adam = new Adam(ego, hyper.learning_rate);
    const steps = Math.max(1, Math.min(MAX_STEPS, Math.floor(sampler.positives / MIN_BATCH)));
    const batch = Math.ceil(sampler.positives / steps);
    const final = new Float32Array(ego.length);
    const grad = new Float32Array(ego.length);
    const pair = new Int32Array(2);
    for (let epoch = 1; epoch <= hyper.epochs; epoch++) {
      let loss = 0;
      for (let s = 0; s < steps; s++) {
        graph.smooth(ego, final, hyper.layers);
        grad.fill(0);
        const scale = 1 / (batch * hyper.negatives);
        for (let b = 0; b < batch; b++) {
          sampler.positive(pair);
          const uo = pair[0] * f;
          const io = (nu + pair[1]) * f;
          for (let n = 0; n < hyper.negatives; n++) {
            const jo = (nu + sampler.negative(pair[0])) * f;
            let x = 0;
            for (let a = 0; a < f; a++) x += final[uo + a] * (final[io + a] - final[jo + a]);
            loss += softplusNeg(x);
            const g = sigmoidNeg(x) * scale;
            const reg = hyper.regularization * scale;
            // L2 on the triple's ego embeddings, per triple as in the paper
            for (let a = 0; a < f; a++) {
              grad[uo + a] += reg * ego[uo + a] - g * (final[io + a] - final[jo + a]);
              grad[io + a] += reg * ego[io + a] - g * final[uo + a];
              grad[jo + a] += reg * ego[jo + a] + g * final[uo + a];
            }
          }
        }
        graph.smooth(grad, grad, hyper.layers);
        adam.step(grad);
      }
      onEpoch({ epoch, loss: loss / (steps * batch * hyper.negatives) });
    }
    graph.smooth(ego, final, hyper.layers);
    const users = final.slice(0, nu * f);
    const items = final.slice(nu * f);
    return finishModel('gnn', input, f, users, items, { mapColdItems: true, lambda: 1 });
  };
}

/** The normalised user–item graph; rows 0…users−1 are users, then items. */
class Graph {
  private readonly userNorm: Float32Array;
  private readonly itemNorm: Float32Array;
  private layer: Float32Array;
  private next: Float32Array;

  constructor(
    private readonly byUser: Csr,
    private readonly byItem: Csr,
    private readonly f: number,
  ) {
    const deg = (m: Csr, r: number) => m.ptr[r + 1] - m.ptr[r];
    this.userNorm = new Float32Array(byUser.col.length);
    for (let u = 0; u < byUser.rows; u++)
      for (let k = byUser.ptr[u]; k < byUser.ptr[u + 1]; k++)
        this.userNorm[k] = 1 / Math.sqrt(deg(byUser, u) * deg(byItem, byUser.col[k]));
    this.itemNorm = new Float32Array(byItem.col.length);
    for (let i = 0; i < byItem.rows; i++)
      for (let k = byItem.ptr[i]; k < byItem.ptr[i + 1]; k++)
        this.itemNorm[k] = 1 / Math.sqrt(deg(byItem, i) * deg(byUser, byItem.col[k]));
    const size = (byUser.rows + byItem.rows) * f;
    this.layer = new Float32Array(size);
    this.next = new Float32Array(size);
  }

  /** out = (1/(K+1)) Σ_{k≤K} Âᵏ·e (out may be e). */
  smooth(e: Float32Array, out: Float32Array, layers: number): void {
    this.layer.set(e);
    const sum = new Float32Array(e);
    for (let k = 0; k < layers; k++) {
      this.propagate(this.layer, this.next);
      [this.layer, this.next] = [this.next, this.layer];
      for (let x = 0; x < sum.length; x++) sum[x] += this.layer[x];
    }
    const scale = 1 / (layers + 1);
    for (let x = 0; x < sum.length; x++) out[x] = sum[x] * scale;
  }

  private propagate(from: Float32Array, to: Float32Array): void {
    const { f, byUser, byItem } = this;
    const nu = byUser.rows;
    to.fill(0);
    for (let u = 0; u < nu; u++)
      for (let k = byUser.ptr[u]; k < byUser.ptr[u + 1]; k++) {
        const w = this.userNorm[k];
        const src = (nu + byUser.col[k]) * f;
        for (let a = 0; a < f; a++) to[u * f + a] += w * from[src + a];
      }
    for (let i = 0; i < byItem.rows; i++)
      for (let k = byItem.ptr[i]; k < byItem.ptr[i + 1]; k++) {
        const w = this.itemNorm[k];
        const src = byItem.col[k] * f;
        const dst = (nu + i) * f;
        for (let a = 0; a < f; a++) to[dst + a] += w * from[src + a];
      }
  }
}
