// bench/recs-quality, in-process mode: writes the seeded synthetic data set (synthetic.ts: about 1,000
// users × 1,700 items × 100,000 interactions) to a temporary file and runs
// apps/ml-engine/test/bench/recs-quality.ts on it (bench/ may not import ml-engine's code): each model type
// trained with its defaults, NDCG@10 and Recall@10 on a 20 % held-out slice beside MostPop and EASE.
//   npm run bench:recs-quality [-- --seed 7 --types two_tower,gnn --hyper '{"epochs":20}' --ease-lambda 200 --no-ease --verbose]
// With --api, the same data through the services' API instead (api-path.ts).
import { runApiPath } from './api-path';
import { runOnDataset } from './spawn';
import { generateSynthetic } from './synthetic';

const seed = Number(argValue('--seed') ?? 7);
const args = process.argv.slice(2);
if (args.includes('--api')) runApiPath(seed, args);
else runOnDataset(generateSynthetic({ seed }), 'apps/ml-engine/test/bench/recs-quality.ts', args);

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
