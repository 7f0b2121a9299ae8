import { randomBytes } from 'node:crypto';
import { eventually } from '@platform/devstack/testing';
import { checkDataInvariants } from './data-invariants';
import { dataWorkload, type DataTarget } from './data-workload';
import { checkDeadLetters, poison } from './dlq';
import { faultPlan, runFaults, type FaultRecord } from './faults';
import { type InvariantResult } from './invariant-result';
import { effectsPresent, ordersAgreeWithPayments, stockConserved, walletsMatchLedger } from './invariants';
import { mailsExactlyOnce } from './mail-invariants';
import { noSecretsLeft } from './secrets';
import { seedShops, type Shop } from './seed';
import { keepSignedIn } from './sign-in';
import { settle } from './settle';
import { snapshot } from './snapshot';
import { startFaultStack, type FaultStack } from './stack';
import { startStream } from './stream';
import { faultTable } from './table';
import { commerceWorkload } from './workload';

export interface FaultRunOptions {
  /** How many times the whole plan of faults is run (each fault once per round). */
  rounds: number;
  /** Arrivals per second of the stream (flows: one to three requests each). */
  perSecond: number;
  /** Flows completed before the first fault, between faults, and after the last one. */
  flowsBetween: number;
  /** Only these faults (by name), e.g. to reproduce one; all of the plan when absent. */
  only?: string[];
}

/**
 * One run of the suite: a private stack, seeded shops, the stream (commerce and data flows) with the
 * faults injected one at a time, then the settling, the invariants and the table. Used by the spec and
 * by bench/faults.
 */
export async function runFaultSuite(opts: FaultRunOptions) {
  const started = Date.now();
  // progress on stderr when asked (FAULTS_VERBOSE=1): where a run that hangs is
  const log = (line: string) =>
    process.env.FAULTS_VERBOSE &&
    process.stderr.write(`[faults +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
  const stack = await startFaultStack();
  try {
    log('stack up');
    const { shops, apiKey } = await seedShops(stack);
    log('shops seeded');
    const signedIn = keepSignedIn(stack.url('user-service'), () => [
      ...shops,
      ...shops.flatMap((s) => s.buyers),
    ]);
    try {
      return await streamAndCheck(stack, shops, apiKey, opts, log, started);
    } finally {
      await signedIn.stop();
    }
  } finally {
    await stack.stop();
  }
}

/** The stream with its faults, then the settling, the invariants and the table. */
async function streamAndCheck(
  stack: FaultStack,
  shops: Shop[],
  apiKey: string,
  opts: FaultRunOptions,
  log: (line: string) => void,
  started: number,
) {
  const commerce = commerceWorkload(stack, shops, randomBytes(3).toString('hex'));
  const target: DataTarget = {
    url: stack.url,
    prefix: stack.prefix,
    dataStoreDir: stack.dataStoreDir,
    apiKey,
    tenantId: shops[0].tenantId,
    get token() {
      return shops[0].token; // the current one: renewed as the run goes on
    },
  };
  const data = dataWorkload(target);
  // a quarter of the arrivals are data: an interaction or an EventFlow event each
  const stream = startStream(() => (Math.random() < 0.25 ? data.tick() : commerce.tick()), opts.perSecond);
  const progress = async (flows: number) => {
    const until = stream.completed() + flows;
    await eventually(async () => stream.completed() >= until, {
      what: `${flows} more flows of the stream`,
      timeoutMs: 120_000,
      intervalMs: 100,
    });
  };
  let faults: FaultRecord[] = [];
  let poisoned = 0;
  try {
    await progress(opts.flowsBetween);
    poisoned = await poison({ brokers: stack.brokers, prefix: stack.prefix });
    for (let round = 0; round < opts.rounds; round++)
      faults = faults.concat(
        await runFaults(
          stack,
          faultPlan(stack).filter((f) => !opts.only || opts.only.includes(f.name)),
          () => progress(opts.flowsBetween),
          log,
        ),
      );
  } finally {
    await stream.stop();
  }
  log('stream stopped');
  const buyers = shops.flatMap((s) => s.buyers);
  await settle(stack, buyers, log);
  log('settled');
  const states = await snapshot(stack, buyers);
  const invariants: InvariantResult[] = [
    ...ordersAgreeWithPayments(states),
    effectsPresent(states, commerce.ledger),
    await stockConserved(stack, shops, states),
    walletsMatchLedger(states),
    ...(await mailsExactlyOnce(stack, states, commerce.ledger)),
    ...(await checkDataInvariants(target, data)),
    await checkDeadLetters({ brokers: stack.brokers, prefix: stack.prefix, poisoned }),
    await noSecretsLeft(stack),
    { name: 'workload flows that threw', checked: stream.completed(), violations: stream.errors() },
  ];
  const table = faultTable({
    operations: { ...commerce.counter.counts, ...data.summary() },
    faults,
    invariants,
    wallMs: Date.now() - started,
  });
  return {
    table,
    invariants,
    violations: invariants.flatMap((i) => i.violations.map((v) => `${i.name}: ${v}`)),
  };
}
