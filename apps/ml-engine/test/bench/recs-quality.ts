// bench/recs-quality, in-process mode (run by bench/recs-quality/run.ts on the data set it wrote, since
// bench/ may not import ml-engine's code): 20 % of each user's pairs held out, each model type trained with its defaults (defaultsFor), NDCG@10 and Recall@10 on the
// held-out slice (items seen in training excluded), beside MostPop and EASE (closed form, λ = --ease-lambda).
//   npm run bench:recs-quality [-- --types two_tower,gnn --hyper '{"epochs":20}' --seed 7]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ModelType, ValidationMetrics } from '@platform/contracts';
import { defaultsFor, evaluate, splitHoldout, trainerFor } from '../../src/training/algorithms';
import { readDataset } from './dataset';
import { trainEase } from './ease';

const { values } = parseArgs({
  options: {
    types: { type: 'string', default: 'matrix_factorization,two_tower,gnn' },
    hyper: { type: 'string', default: '{}' },
    data: { type: 'string' },
    'ease-lambda': { type: 'string', default: '200' },
    'no-ease': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  strict: false,
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const str = (v: string | boolean | undefined) => String(v);

const { data, content } = readDataset(str(values.data));
const { train, heldOut } = splitHoldout(data, 0.2, 1);
say(
  `synthetic: ${data.users.length} users × ${data.items.length} items, ${data.userIdx.length} interactions ` +
    `(${train.userIdx.length} train, ${data.userIdx.length - train.userIdx.length} held out), content dim ${content.dim}`,
);

const rows: { name: string; m: ValidationMetrics; seconds: number; hyper?: string }[] = [];
let baseline: ValidationMetrics['baseline'] | undefined;
for (const type of str(values.types).split(',').filter(Boolean) as ModelType[]) {
  const hyper = { ...defaultsFor(type), ...JSON.parse(str(values.hyper)) };
  const t0 = performance.now();
  const model = trainerFor(type)({ train, content, hyper }, (r) => {
    if (values.verbose) say(`  ${type} epoch ${r.epoch} loss ${r.loss.toFixed(5)}`);
  });
  const seconds = (performance.now() - t0) / 1000;
  const m = evaluate(model, train, heldOut, 10);
  baseline = m.baseline;
  rows.push({ name: type, m, seconds, hyper: JSON.stringify(hyper) });
}
if (!values['no-ease']) {
  const t0 = performance.now();
  const ease = trainEase(train, Number(str(values['ease-lambda'])));
  const seconds = (performance.now() - t0) / 1000;
  const m = evaluate(ease, train, heldOut, 10);
  baseline = m.baseline;
  rows.push({ name: `EASE (λ=${str(values['ease-lambda'])}, reference)`, m, seconds });
}
if (baseline)
  rows.push({
    name: 'MostPop',
    m: { ...baseline, baseline, users_evaluated: 0 } as ValidationMetrics,
    seconds: 0,
  });

const pad = (s: string, n: number) => s.padEnd(n);
say(`\n${pad('model', 32)}${pad('NDCG@10', 10)}${pad('Recall@10', 11)}train s`);
for (const r of rows)
  say(
    `${pad(r.name, 32)}${pad(r.m.ndcg_at_10.toFixed(4), 10)}${pad(r.m.recall_at_10.toFixed(4), 11)}${r.seconds.toFixed(1)}`,
  );
say(`\nusers evaluated: ${rows[0]?.m.users_evaluated}`);
for (const r of rows) if (r.hyper) say(`${r.name}: ${r.hyper}`);
