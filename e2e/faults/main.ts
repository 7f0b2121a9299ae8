import { up } from '@platform/devstack';
import { runFaultSuite } from './run';

/**
 * The fault suite outside Jest, sized by the environment (bench/faults runs it longer): FAULT_ROUNDS,
 * FAULT_RATE (arrivals per second) and FAULT_FLOWS_BETWEEN. Prints the table; exits 1 on a violation.
 */
async function main(): Promise<number> {
  Object.assign(process.env, await up({ quiet: true }));
  process.env.LOG_LEVEL ??= 'error';
  const run = await runFaultSuite({
    rounds: Number(process.env.FAULT_ROUNDS ?? 1),
    perSecond: Number(process.env.FAULT_RATE ?? 3),
    flowsBetween: Number(process.env.FAULT_FLOWS_BETWEEN ?? 10),
    // e.g. FAULT_ONLY='restart ferretdb,restart kafka' to repeat one fault (with FAULT_ROUNDS)
    only: process.env.FAULT_ONLY?.split(',').map((name) => name.trim()),
  });
  process.stdout.write(run.table);
  return run.violations.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
