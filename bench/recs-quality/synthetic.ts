// A seeded synthetic implicit-feedback data set with the structure of real shop data: users with latent
// tastes drawn from a few taste clusters, items with latent traits and power-law popularity, users whose
// activity varies (log-normal), interaction types whose strength grows with affinity, and item content
// (a dense vector, a category and tags) correlated with the items' latent traits. bench/recs-quality runs
// it in process; the API-path mode sends `events` and `itemInfo` through data-pipeline.
// bench/ may not import ml-engine's code: the types below are the same shape as its training algorithms'
// Interactions and ItemContent, and writeDataset hands the data to the runners in apps/ml-engine/test/bench.
import { writeFileSync } from 'node:fs';
import { INTERACTION_LABELS, type InteractionType } from '@platform/contracts';

export interface Interactions {
  users: string[];
  items: string[];
  userIdx: Int32Array;
  itemIdx: Int32Array;
  weight: Float32Array;
}

export interface ItemContent {
  dim: number;
  vectors: Float32Array;
}

export interface SyntheticOptions {
  users: number;
  items: number;
  interactions: number;
  /** Latent taste dimensions. */
  latent: number;
  contentDim: number;
  seed: number;
}

export const SYNTHETIC_DEFAULTS: SyntheticOptions = {
  users: 1000,
  items: 1700,
  interactions: 100_000,
  latent: 16,
  contentDim: 32,
  seed: 7,
};

export interface SyntheticEvent {
  userId: string;
  itemId: string;
  type: InteractionType;
}

export interface SyntheticData {
  /** One row per (user, item), weight = the label of its interaction type. */
  data: Interactions;
  content: ItemContent;
  events: SyntheticEvent[];
  /** A category and tags per item (from its dominant traits), for the content encoder of the API path. */
  itemInfo: { itemId: string; category: string; tags: string[] }[];
}

const TYPES: InteractionType[] = ['view', 'click', 'add_to_cart', 'like', 'purchase'];

export function generateSynthetic(opts: Partial<SyntheticOptions> = {}): SyntheticData {
  const o = { ...SYNTHETIC_DEFAULTS, ...opts };
  const rnd = new Random(o.seed);
  const L = o.latent;
  const clusters = Array.from({ length: 8 }, () => rnd.normals(L, 1));
  const userVec = new Float32Array(o.users * L);
  for (let u = 0; u < o.users; u++) {
    const c = clusters[rnd.int(clusters.length)];
    for (let a = 0; a < L; a++) userVec[u * L + a] = (0.8 * c[a] + 0.6 * rnd.normal()) / Math.sqrt(L);
  }
  const itemVec = rnd.normals(o.items * L, 1);
  // power-law popularity: a random rank per item, log-popularity ∝ −0.9·log(rank)
  const rank = Int32Array.from({ length: o.items }, (_, j) => j + 1);
  rnd.shuffle(rank);
  const logPop = Float64Array.from(rank, (r) => -0.9 * Math.log(r));
  // activity: log-normal, scaled so the total is about `interactions`
  const raw = Float64Array.from({ length: o.users }, () => Math.exp(rnd.normal() * 0.9));
  const rawSum = raw.reduce((s, x) => s + x, 0);
  const activity = Int32Array.from(raw, (x) =>
    Math.max(5, Math.min(Math.floor(o.items / 3), Math.round((x / rawSum) * o.interactions))),
  );
  // the clamps and rounding leave the total off: spread the difference over users with room, one by one
  let deficit = o.interactions - activity.reduce((s, x) => s + x, 0);
  for (let u = 0; deficit !== 0 && u < o.users * 1000; u++) {
    const k = u % o.users;
    const next = activity[k] + Math.sign(deficit);
    if (next < 5 || next > Math.floor(o.items / 3)) continue;
    activity[k] = next;
    deficit -= Math.sign(deficit);
  }

  const users = Array.from({ length: o.users }, (_, u) => `u${u}`);
  const items = Array.from({ length: o.items }, (_, j) => `i${j}`);
  const userIdx: number[] = [];
  const itemIdx: number[] = [];
  const weight: number[] = [];
  const events: SyntheticEvent[] = [];
  const logits = new Float64Array(o.items);
  const cumulative = new Float64Array(o.items);
  const taken = new Uint8Array(o.items);
  for (let u = 0; u < o.users; u++) {
    let max = -Infinity;
    for (let j = 0; j < o.items; j++) {
      let s = 0;
      for (let a = 0; a < L; a++) s += userVec[u * L + a] * itemVec[j * L + a];
      logits[j] = 2.5 * s;
      max = Math.max(max, logits[j] + logPop[j]);
    }
    let total = 0;
    for (let j = 0; j < o.items; j++) cumulative[j] = total += Math.exp(logits[j] + logPop[j] - max);
    taken.fill(0);
    for (let t = 0; t < activity[u]; t++) {
      // without replacement: redraw an item already taken (the same law as renormalising the rest)
      let j = -1;
      for (let tries = 0; tries < 200 && (j < 0 || taken[j]); tries++)
        j = lowerBound(cumulative, rnd.next() * total);
      if (taken[j]) continue;
      taken[j] = 1;
      const strength = 1 / (1 + Math.exp(-logits[j])); // affinity → stronger interaction types
      const type = TYPES[Math.min(4, Math.floor(rnd.next() * 2 + strength * 3.2))];
      userIdx.push(u);
      itemIdx.push(j);
      weight.push(INTERACTION_LABELS[type]);
      events.push({ userId: users[u], itemId: items[j], type });
    }
  }

  // content = a fixed random mix of the latent traits plus noise (about half the variance is signal)
  const mix = rnd.normals(o.contentDim * L, 1 / Math.sqrt(L));
  const vectors = new Float32Array(o.items * o.contentDim);
  for (let j = 0; j < o.items; j++)
    for (let d = 0; d < o.contentDim; d++) {
      let s = 0;
      for (let a = 0; a < L; a++) s += mix[d * L + a] * itemVec[j * L + a];
      vectors[j * o.contentDim + d] = s + rnd.normal();
    }
  const itemInfo = items.map((itemId, j) => {
    const traits = Array.from({ length: L }, (_, a) => a).sort(
      (a, b) => itemVec[j * L + b] - itemVec[j * L + a],
    );
    return { itemId, category: `cat${traits[0]}`, tags: traits.slice(1, 4).map((a) => `trait${a}`) };
  });
  return {
    data: {
      users,
      items,
      userIdx: Int32Array.from(userIdx),
      itemIdx: Int32Array.from(itemIdx),
      weight: Float32Array.from(weight),
    },
    content: { dim: o.contentDim, vectors },
    events,
    itemInfo,
  };
}

/** The first index whose cumulative weight exceeds x. */
function lowerBound(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The data set as one binary file: Int32 [users, items, rows, contentDim], then userIdx, itemIdx (Int32),
 * weight and content vectors (Float32). Ids are `u{index}` and `i{index}`.
 */
export function writeDataset(file: string, { data, content }: SyntheticData): void {
  const rows = data.userIdx.length;
  const header = Int32Array.from([data.users.length, data.items.length, rows, content.dim]);
  const parts = [header, data.userIdx, data.itemIdx, data.weight, content.vectors];
  writeFileSync(file, Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))));
}

/** mulberry32 with Box–Muller normals (seeded, so the data set is the same every run). */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  normals(n: number, scale: number): Float32Array {
    return Float32Array.from({ length: n }, () => this.normal() * scale);
  }

  shuffle(a: Int32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
  }
}
