// bench/train: seconds per epoch (ALS: per iteration) of each model type at MovieLens-1M scale
// (6,040 users × 3,706 items, 1,000,000 synthetic interactions from bench/recs-quality's generator,
// 64 factors), single-threaded in process, beside the `implicit` library's published figure. Run by
// bench/train/run.ts on the data set it wrote (bench/ may not import ml-engine's code).
//   npm run bench:train [-- --epochs 2 --types matrix_factorization,two_tower,gnn --interactions 1000000]
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ModelType } from '@platform/contracts';
import { trainerFor } from '../../src/training/algorithms';
import { readDataset } from './dataset';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '2' },
    types: { type: 'string', default: 'matrix_factorization,two_tower,gnn' },
    data: { type: 'string' },
    factors: { type: 'string', default: '64' },
  },
  strict: false,
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const str = (v: string | boolean | undefined) => String(v);

const IMPLICIT_PUBLISHED = 1.37; // s per ALS iteration, 8 cores: the published reference figure

const t0 = performance.now();
const { data, content } = readDataset(str(values.data));
say(
  `data: ${data.users.length} users × ${data.items.length} items, ${data.userIdx.length} interactions, ` +
    `content dim ${content.dim} (read in ${((performance.now() - t0) / 1000).toFixed(1)} s); ` +
    `${str(values.factors)} factors, ${str(values.epochs)} epochs each, one thread of ${cpus().length} cores (${cpus()[0]?.model})`,
);

const rows: string[] = [];
for (const type of str(values.types).split(',').filter(Boolean) as ModelType[]) {
  const hyper = { embedding_dim: Number(str(values.factors)), epochs: Number(str(values.epochs)) };
  const marks: number[] = [];
  const start = performance.now();
  trainerFor(type)({ train: data, content, hyper }, (r) => {
    marks.push(performance.now());
    say(`  ${type} epoch ${r.epoch}: loss ${r.loss.toFixed(5)}`);
  });
  const total = (performance.now() - start) / 1000;
  const perEpoch = marks.map((m, k) => (m - (k === 0 ? start : marks[k - 1])) / 1000);
  const best = Math.min(...perEpoch);
  rows.push(
    `${type.padEnd(22)}${best.toFixed(2).padStart(10)}${(perEpoch.reduce((s, x) => s + x, 0) / perEpoch.length).toFixed(2).padStart(10)}${total.toFixed(1).padStart(10)}`,
  );
}
say(`\n${'model'.padEnd(22)}${'best s/ep'.padStart(10)}${'mean s/ep'.padStart(10)}${'total s'.padStart(10)}`);
for (const r of rows) say(r);
say(
  `\nreference (published, not measured here): implicit ALS ${IMPLICIT_PUBLISHED} s/iteration on 8 cores at this scale.\n` +
    'Epoch times include the first epoch set-up (CSR, samplers) and, for ALS, the loss pass; the total adds the data ' +
    'preparation and the content map fit.',
);
