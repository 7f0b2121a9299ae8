import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SyntheticData, writeDataset } from './synthetic';

/** Writes the data set to a temporary file and runs an ml-engine-side script on it (tsx), its output inherited. */
export function runOnDataset(data: SyntheticData, script: string, args: string[]): void {
  const repoRoot = path.join(__dirname, '../..');
  const dir = mkdtempSync(path.join(tmpdir(), 'recs-data-'));
  const file = path.join(dir, 'data.bin');
  try {
    writeDataset(file, data);
    const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
    const run = spawnSync(tsx, ['--tsconfig', 'tsconfig.base.json', script, '--data', file, ...args], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    process.exitCode = run.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
