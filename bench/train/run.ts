// bench/train: seconds per epoch (ALS: per iteration) of each model type at MovieLens-1M scale: 6,040 users
// × 3,706 items × 1,000,000 synthetic interactions (bench/recs-quality's generator), 64 factors, run by
// apps/ml-engine/test/bench/train.ts (bench/ may not import ml-engine's code), beside the `implicit`
// library's published 1.37 s/iteration on 8 cores.
//   npm run bench:train [-- --epochs 2 --factors 64 --types matrix_factorization,two_tower,gnn --interactions 1000000]
import { runOnDataset } from '../recs-quality/spawn';
import { generateSynthetic } from '../recs-quality/synthetic';

const at = process.argv.indexOf('--interactions');
const interactions = at >= 0 ? Number(process.argv[at + 1]) : 1_000_000;
const data = generateSynthetic({ users: 6040, items: 3706, interactions, seed: 11 });
runOnDataset(data, 'apps/ml-engine/test/bench/train.ts', process.argv.slice(2));
