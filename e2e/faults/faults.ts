import { type ServiceName } from '@platform/devstack';
import { eventually } from '@platform/devstack/testing';
import { send } from './http';
import { SIX, type FaultStack } from './stack';

export interface FaultRecord {
  name: string;
  /** From the fault's start until what it took away answers again (a service's /ready, a server's protocol). */
  outageMs: number;
  /** From then until all six services answer /ready. */
  recoveryMs: number;
}

interface Fault {
  name: string;
  /** Injects the fault and ends it; resolves once the thing it broke answers again. */
  run(): Promise<void>;
}

/** How long a simulator's failure switch stays on: a few seconds, as a short outage of a provider. */
const SWITCH_MS = 3_000;
const hold = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every fault of the suite, one of each: kill -9 of each service, restarts of the four servers, the simulators failing. */
export function faultPlan(stack: FaultStack): Fault[] {
  const kill = (name: ServiceName): Fault => ({
    name: `kill -9 ${name}`,
    run: async () => {
      await stack.service(name).kill();
      await stack.start(name);
    },
  });
  const restart = (name: keyof FaultStack['servers']): Fault => ({
    name: `restart ${name}`,
    run: async () => {
      await stack.servers[name].stop();
      await stack.servers[name].restart();
    },
  });
  const failing = (name: string, controlUrl: string): Fault => ({
    name: `${name} failing`,
    run: async () => {
      await control(controlUrl, { mode: '5xx' });
      // the outage itself lasts a while: that is the fault, not a wait for something
      await hold(SWITCH_MS);
      await control(controlUrl, { mode: 'ok' });
    },
  });
  return [
    // notification-worker too: a kill between a mail's SMTP send and its delivery mark resends that
    // mail with the same Message-ID once the claim expires, which the mail checks count as one message
    ...SIX.map(kill),
    restart('kafka'),
    restart('postgres'),
    restart('ferretdb'),
    restart('redis'),
    failing('payment gateway', `${stack.gateway.url}/__control`),
    failing('supplier', `${stack.supplier.url}/__control`),
  ];
}

async function control(url: string, body: object): Promise<void> {
  const res = await send(url, { body });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
}

/** Waits until each of the six answers /ready. */
export async function allReady(stack: FaultStack, timeoutMs = 120_000): Promise<void> {
  let notReady: ServiceName[] = [];
  try {
    await eventually(
      async () => {
        const answers = await Promise.all(SIX.map((n) => send(`${stack.url(n)}/ready`)));
        notReady = SIX.filter((_n, i) => answers[i].status !== 200);
        return notReady.length === 0;
      },
      { what: 'the six services to be ready', timeoutMs, intervalMs: 200 },
    );
  } catch (err) {
    // what each one that is not ready says of its checks
    const health = await Promise.all(notReady.map((n) => send(`${stack.url(n)}/health`)));
    const why = notReady.map((n, i) => `${n}: ${health[i].status} ${JSON.stringify(health[i].body)}`);
    throw new Error(`${(err as Error).message}; not ready: ${why.join('; ')}`);
  }
}

/**
 * Runs the faults one at a time, timing each; after each, all six ready again and then `between` (the
 * stream doing some work again) before the next one.
 */
export async function runFaults(
  stack: FaultStack,
  faults: Fault[],
  between: () => Promise<void>,
  log: (line: string) => void = () => undefined,
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (const fault of faults) {
    log(fault.name);
    const start = Date.now();
    await fault.run();
    const back = Date.now();
    await allReady(stack);
    records.push({ name: fault.name, outageMs: back - start, recoveryMs: Date.now() - back });
    await between();
  }
  return records;
}
