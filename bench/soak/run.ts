// bench/soak: mixed traffic at a fixed arrival rate (open model: request i leaves at i / rate seconds,
// whatever the earlier ones are doing) through the six built services as processes, for --minutes, on
// --shops seeded shops. Each minute: requests sent, answered, errors (any status but the expected one,
// a network error or no answer in 10 s), p50/p99 overall and per kind, and each service's RSS, heap,
// event-loop lag p99, CPU share and the minute's lowest heap in use and native memory from its /metrics
// (scraped every 5 s), and how busy the machine's cores were; then a verdict (verdict.ts): zero errors,
// flat memory, flat p99.
//   npm run bench:soak [-- --minutes 10 --rate 200 --shops 3 --buyers 5 --items 20]
import { parseArgs } from 'node:util';
import { up } from '@platform/devstack';
import { SOAKED, Sampler, type MachineFigures, type ProcessFigures } from './metrics';
import { mixOf, type Call } from './mix';
import { relogin, seedShops } from './seed';
import { startSmtpSink } from './smtp-sink';
import { startSoakStack } from './stack';
import { Window, fmt, percentile } from './stats';
import { verdictLines } from './verdict';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '200' },
    shops: { type: 'string', default: '3' },
    buyers: { type: 'string', default: '5' },
    items: { type: 'string', default: '20' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  await up();
  const smtp = await startSmtpSink();
  const stack = await startSoakStack(smtp.url);
  const stops: (() => Promise<unknown>)[] = [() => stack.stop(), () => smtp.close()];
  try {
    const shops = await seedShops(stack.url, {
      shops: Number(values.shops),
      buyers: Number(values.buyers),
      items: Number(values.items),
    });
    const next = mixOf(shops);
    const sampler = new Sampler(Object.fromEntries(SOAKED.map((n) => [n, stack.url(n)])));
    stops.unshift(async () => sampler.stop());
    say(
      `soak: ${rate} requests/s for ${minutes} min over ${shops.length} shops; started ${new Date().toISOString()}`,
    );

    const windows: Window[] = [];
    const figures: Record<string, ProcessFigures>[] = [];
    let current = new Window();
    const inFlight = new Set<Promise<void>>();
    const send = (kind: string, call: Call) => {
      const t0 = performance.now();
      current.sent++;
      const p = fetch(`${stack.url(call.service)}${call.path}`, {
        method: call.method,
        headers: { authorization: call.auth, 'content-type': 'application/json' },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (res) => {
          const text = await res.text();
          const ms = performance.now() - t0;
          if (res.status !== call.ok) return current.record(kind, ms, `${res.status} ${text.slice(0, 80)}`);
          call.then?.(JSON.parse(text));
          current.record(kind, ms);
        })
        .catch((err: Error) => current.record(kind, performance.now() - t0, err.name))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };

    const started = performance.now();
    let sentTotal = 0;
    let reloginAt = started + 10 * 60_000;
    for (let minute = 1; minute <= minutes; minute++) {
      const end = started + minute * 60_000;
      // every 5 ms: all arrivals due by now (a late tick sends its backlog, keeping the rate)
      while (performance.now() < end) {
        const due = Math.floor(((performance.now() - started) / 1000) * rate);
        for (; sentTotal < due; sentTotal++) send(...next());
        await new Promise((r) => setTimeout(r, 5));
      }
      if (minute === minutes) await Promise.all([...inFlight]);
      windows.push(current);
      figures.push(await sampler.minute());
      report(minute, current, figures[figures.length - 1], sampler.machine());
      current = new Window();
      // not after the last minute: the verdict needs no tokens (a refused login there lost it once)
      if (minute < minutes && performance.now() > reloginAt) {
        await relogin(stack.url('user-service'), shops);
        reloginAt = performance.now() + 10 * 60_000;
      }
    }
    say('');
    for (const line of verdictLines(windows, figures, smtp.mails())) say(line);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

function report(minute: number, w: Window, procs: Record<string, ProcessFigures>, machine: MachineFigures) {
  const all = w.all();
  say(
    `\nminute ${minute}: sent ${w.sent} (${fmt(w.sent / 60, 1)}/s), answered ${w.completed}, ` +
      `throughput ${fmt((w.completed - w.errors) / 60, 1)} ok/s, errors ${w.errors}, ` +
      `p50 ${fmt(percentile(all, 50), 1)} ms, p99 ${fmt(percentile(all, 99), 1)} ms`,
  );
  const kinds = [...w.latencies.entries()].sort(([a], [b]) => a.localeCompare(b));
  say(
    `  ${kinds
      .map(([k, l]) => {
        const s = l.sort((a, b) => a - b);
        return `${k} ${s.length} ${fmt(percentile(s, 50))}/${fmt(percentile(s, 99))}`;
      })
      .join(' · ')}   (n p50/p99 ms)`,
  );
  say(
    `  ${Object.entries(procs)
      .map(
        ([n, p]) =>
          `${n} ${fmt(p.rssMb)} MB (heap ${fmt(p.heapMb)}; lows: heap ${fmt(p.heapLowMb)}, ` +
          `native ${fmt(p.nativeLowMb)}) lag ${fmt(p.lagP99Ms, 1)} ms cpu ${fmt(p.cpuPct)}%`,
      )
      .join(' · ')}`,
  );
  // the services' shares are of one core; the rest of the machine's is the datastores, Kafka and the soak
  say(`  machine: CPU ${fmt(machine.busyPct)}% busy over ${machine.cores} cores`);
  for (const [e, n] of w.errorSamples) say(`  error ×${n}: ${e}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
