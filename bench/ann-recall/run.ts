// bench/ann-recall: recall@10 of usearch's HNSW graph against exact search, with build and query times,
// for a few connectivity (M) / expansion settings, on clustered unit vectors (what content and trained
// item vectors look like: groups of similar items, not uniform noise). Picks the cheapest setting that
// keeps recall@10 ≥ 0.95, the defaults of HNSW_* in apps/ml-engine/src/config.ts.
//   npm run bench:ann [-- --n 100000 --dim 128 --queries 300 --clusters 500 --threads 2]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Index, MetricKind, ScalarKind } from 'usearch';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '128' },
    queries: { type: 'string', default: '300' },
    clusters: { type: 'string', default: '500' },
    /** Threads of the graph build (queries run on one, as the service's do). */
    threads: { type: 'string', default: '2' },
    seed: { type: 'string', default: '7' },
  },
});
const n = Number(values.n);
const d = Number(values.dim);
const nq = Number(values.queries);
const K = 10;
const GOAL = 0.95;
const MARGIN = 0.98;

/** A seeded normal generator (mulberry32 + Box–Muller): the same data on every run. */
function normal(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** `count` unit vectors around `clusters` centres (cluster sizes power-law-ish, noise as large as the spread). */
function clustered(count: number, clusters: number, rand: () => number, centres: Float32Array): Float32Array {
  const out = new Float32Array(count * d);
  for (let i = 0; i < count; i++) {
    const c = Math.floor(clusters * Math.abs(rand() * 0.35) ** 1.5) % clusters;
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = centres[c * d + j] + 0.6 * rand();
      out[i * d + j] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < d; j++) out[i * d + j] /= norm;
  }
  return out;
}

/** The exact top K by cosine (unit vectors: the dot product), a plain scan. */
function exactTopK(data: Float32Array, q: Float32Array): Set<bigint> {
  const best: { key: number; s: number }[] = [];
  for (let i = 0; i < data.length / d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += data[i * d + j] * q[j];
    if (best.length < K || s > best[K - 1].s) {
      best.push({ key: i + 1, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > K) best.pop();
    }
  }
  return new Set(best.map((b) => BigInt(b.key)));
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

function main() {
  const rand = normal(Number(values.seed));
  const centres = Float32Array.from({ length: Number(values.clusters) * d }, rand);
  const data = clustered(n, Number(values.clusters), rand, centres);
  const queries = Array.from({ length: nq }, () => clustered(1, Number(values.clusters), rand, centres));
  say(`ann-recall: ${n} vectors × ${d}, ${values.clusters} clusters, ${nq} queries, recall@${K}, cosine`);

  let t = process.hrtime.bigint();
  const truth = queries.map((q) => exactTopK(data, q));
  const scanMs = ms(t) / nq;
  say(
    `exact scan (JS, one thread): ${scanMs.toFixed(2)} ms/query at ${n}; ~${((scanMs * 2000) / n).toFixed(3)} ms at 2,000`,
  );

  const keys = BigUint64Array.from({ length: n }, (_, i) => BigInt(i + 1));
  const dir = mkdtempSync(path.join(tmpdir(), 'ann-recall-'));
  const rows: string[][] = [];
  const results: { m: number; efAdd: number; efSearch: number; recall: number; p50: number }[] = [];
  const make = (m: number, efAdd: number, efSearch: number) =>
    new Index({
      dimensions: d,
      metric: MetricKind.Cos,
      quantization: ScalarKind.F32,
      connectivity: m,
      expansion_add: efAdd,
      expansion_search: efSearch,
      multi: false,
    });
  try {
    for (const [m, efAdd] of [
      [8, 64],
      [16, 64],
      [16, 128],
      [32, 128],
    ]) {
      const graph = make(m, efAdd, 64);
      t = process.hrtime.bigint();
      graph.add(keys, data, Number(values.threads));
      const buildS = ms(t) / 1000;
      const file = path.join(dir, `m${m}-${efAdd}.usearch`);
      graph.save(file);
      // expansion_search is the searching index's own: the same graph loaded with each value
      for (const efSearch of [16, 32, 64, 128, 256]) {
        const index = make(m, efAdd, efSearch);
        index.load(file);
        const times: number[] = [];
        let hits = 0;
        queries.forEach((q, i) => {
          const s = process.hrtime.bigint();
          const found = index.search(Float32Array.from(q), K, 1);
          times.push(ms(s));
          for (const k of found.keys) if (truth[i].has(k)) hits++;
        });
        const recall = hits / (nq * K);
        results.push({ m, efAdd, efSearch, recall, p50: pct(times, 0.5) });
        rows.push(
          [
            m,
            efAdd,
            efSearch,
            recall.toFixed(4),
            buildS.toFixed(1),
            pct(times, 0.5).toFixed(3),
            pct(times, 0.99).toFixed(3),
          ].map(String),
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const head = ['M', 'ef_add', 'ef_search', `recall@${K}`, 'build s', 'query p50 ms', 'query p99 ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join('  ');
  say(line(head));
  for (const r of rows) say(line(r));
  // 0.95 is the goal; the defaults keep a margin, since real catalogs may cluster less neatly than this
  for (const floor of [GOAL, MARGIN]) {
    const ok = results.filter((r) => r.recall >= floor).sort((a, b) => a.p50 - b.p50);
    say(
      ok.length
        ? `fastest with recall@${K} ≥ ${floor}: M=${ok[0].m} ef_add=${ok[0].efAdd} ef_search=${ok[0].efSearch} (recall ${ok[0].recall.toFixed(4)}, p50 ${ok[0].p50.toFixed(3)} ms)`
        : `no setting reached recall@${K} ≥ ${floor}`,
    );
  }
}

main();
