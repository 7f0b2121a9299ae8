#!/usr/bin/env node
// devstack: the real infrastructure on this machine, without Docker.
//   up | down | status | env          the servers
//   run-services | stop-services      the six built services, as processes
import { runServices } from './run-services';
import { stopServices } from './services';
import { down, stackEnv, status, up } from './stack';

const usage = 'usage: devstack up | down | status | env | run-services | stop-services';

async function main(cmd: string | undefined): Promise<number> {
  switch (cmd) {
    case 'up': {
      const env = await up();
      for (const [k, v] of Object.entries(env)) process.stdout.write(`${k}=${v}\n`);
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'status': {
      const rows = await status();
      for (const r of rows) {
        const state = r.answers ? 'up' : r.running ? 'starting' : 'down';
        const owner = r.pid !== undefined ? `pid ${r.pid}` : r.answers ? 'not started by devstack' : '';
        process.stdout.write(
          `${r.name.padEnd(10)} ${String(r.port).padEnd(6)} ${state.padEnd(9)} ${owner}\n`,
        );
      }
      return rows.every((r) => r.answers) ? 0 : 3;
    }
    case 'run-services':
      return runServices();
    case 'stop-services':
      await stopServices();
      return 0;
    case 'env':
      for (const [k, v] of Object.entries(stackEnv())) process.stdout.write(`export ${k}=${v}\n`);
      return 0;
    default:
      process.stderr.write(`${usage}\n`);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[devstack] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
