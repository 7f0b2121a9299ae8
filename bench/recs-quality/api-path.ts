// bench/recs-quality, API-path mode: the same seeded synthetic data set, sent through user-service,
// data-pipeline and ml-engine as their built processes (apps/ml-engine/test/bench/recs-quality-api.ts runs
// them, since bench/ may not import ml-engine's code). This side writes the data set and what the binary
// file cannot hold (each row's interaction type, each item's category and tags) beside it.
//   npm run bench:recs-quality -- --api [--seed 7 --types matrix_factorization,gnn --concurrency 8]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSynthetic, writeDataset } from './synthetic';

export function runApiPath(seed: number, args: string[]): void {
  const repoRoot = path.join(__dirname, '../..');
  const data = generateSynthetic({ seed });
  const dir = mkdtempSync(path.join(tmpdir(), 'recs-api-'));
  try {
    const file = path.join(dir, 'data.bin');
    const meta = path.join(dir, 'meta.json');
    writeDataset(file, data);
    // events are in row order (one per row of data.data), so the runner's split applies to them too
    writeFileSync(meta, JSON.stringify({ types: data.events.map((e) => e.type), items: data.itemInfo }));
    const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
    const script = 'apps/ml-engine/test/bench/recs-quality-api.ts';
    const run = spawnSync(
      tsx,
      ['--tsconfig', 'tsconfig.base.json', script, '--data', file, '--meta', meta, ...args],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    process.exitCode = run.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
