import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench:faults`: the fault suite of `npm test` (e2e/faults, run as its own process: bench may
 * not import another project) with a longer stream and three rounds of every fault, printing the same
 * table. FAULT_ROUNDS, FAULT_RATE (arrivals per second) and FAULT_FLOWS_BETWEEN change its size.
 */
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const result = spawnSync(tsx, ['--tsconfig', 'tsconfig.base.json', 'e2e/faults/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    FAULT_ROUNDS: process.env.FAULT_ROUNDS ?? '3',
    FAULT_RATE: process.env.FAULT_RATE ?? '6',
    FAULT_FLOWS_BETWEEN: process.env.FAULT_FLOWS_BETWEEN ?? '120',
  },
});
process.exit(result.status ?? 1);
