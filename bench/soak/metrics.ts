import { readFileSync } from 'node:fs';
import { type ServiceName } from '@platform/devstack';

/** One scrape of a service's /metrics (NaN where it did not answer). */
export interface Sample {
  rssMb: number;
  /** The JavaScript heap in use, garbage not yet collected included. */
  heapMb: number;
  /** RSS less the heap V8 holds (used or not): native memory (drivers, DuckDB, buffers, code). */
  nativeMb: number;
  lagP99Ms: number;
  /** CPU time used since the process started (user and system), in seconds. */
  cpuSeconds: number;
}

/** A minute of a service: its last sample, and the lowest of the minute's samples (one every few seconds). */
export interface ProcessFigures extends Sample {
  /** The floor of the garbage collector's sawtooth in that minute: what a JavaScript leak raises. */
  heapLowMb: number;
  /** The lowest native memory in that minute: what a native leak raises (DuckDB's was one). */
  nativeLowMb: number;
  rssLowMb: number;
  /** Its share of one core over the minute, in % (CPU seconds used in it / 60 s). */
  cpuPct: number;
}

/** The machine's CPU over a minute: how busy all its cores were, in %, and how many there are. */
export interface MachineFigures {
  busyPct: number;
  cores: number;
}

/** The first sample of `name` on a Prometheus page (labels or not), or NaN. */
function sample(page: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(page);
  return m ? Number(m[1]) : NaN;
}

const MB = 2 ** 20;

/** The machine's CPU ticks from /proc/stat's first line (idle = idle + iowait); NaN where there is none. */
function machineTicks(): { idle: number; total: number; cores: number } {
  try {
    const stat = readFileSync('/proc/stat', 'utf8');
    const ticks = stat.split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const cores = stat.split('\n').filter((l) => /^cpu\d/.test(l)).length;
    return { idle: ticks[3] + ticks[4], total: ticks.reduce((a, b) => a + b, 0), cores };
  } catch {
    return { idle: NaN, total: NaN, cores: NaN };
  }
}

/**
 * RSS, heap and event-loop lag p99 of each service, from its own /metrics (prom-client's default process
 * metrics; the lag histogram falls back to the mean lag where a service exports no p99).
 */
export async function scrape(urls: Record<string, string>): Promise<Record<string, Sample>> {
  const out: Record<string, Sample> = {};
  await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const page = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.text(),
        () => '',
      );
      const lag = sample(page, 'nodejs_eventloop_lag_p99_seconds');
      const rss = sample(page, 'process_resident_memory_bytes');
      out[name] = {
        rssMb: rss / MB,
        heapMb: sample(page, 'nodejs_heap_size_used_bytes') / MB,
        nativeMb: (rss - sample(page, 'nodejs_heap_size_total_bytes')) / MB,
        lagP99Ms: (Number.isNaN(lag) ? sample(page, 'nodejs_eventloop_lag_seconds') : lag) * 1000,
        cpuSeconds: sample(page, 'process_cpu_seconds_total'),
      };
    }),
  );
  return out;
}

// the lowest of a minute's samples that have an answer; NaN when none had (it cannot pass unseen)
const lowest = (xs: number[]) => {
  const answered = xs.filter((x) => !Number.isNaN(x));
  return answered.length ? Math.min(...answered) : NaN;
};

/**
 * Scrapes every service every `everyMs` (a garbage collector's sawtooth has teeth of seconds; one
 * sample a minute lands anywhere on one), and gives each minute's last sample with the minute's lows.
 */
export class Sampler {
  private samples: Record<string, Sample>[] = [];
  private busy = false;
  private readonly timer: NodeJS.Timeout;
  private lastCpu: Record<string, { seconds: number; at: number }> = {};
  private lastStat = machineTicks();

  constructor(
    private readonly urls: Record<string, string>,
    everyMs = 5_000,
  ) {
    this.timer = setInterval(() => void this.take(), everyMs);
  }

  /** The minute's figures per service (a last scrape first), and a new minute begins. */
  async minute(): Promise<Record<string, ProcessFigures>> {
    const last = await scrape(this.urls);
    const at = performance.now();
    const all = [...this.samples, last];
    this.samples = [];
    const out: Record<string, ProcessFigures> = {};
    for (const name of Object.keys(this.urls)) {
      const of = (pick: (s: Sample) => number) => lowest(all.map((s) => pick(s[name])));
      out[name] = {
        ...last[name],
        heapLowMb: of((s) => s.heapMb),
        nativeLowMb: of((s) => s.nativeMb),
        rssLowMb: of((s) => s.rssMb),
        cpuPct: this.cpuShare(name, last[name].cpuSeconds, at),
      };
    }
    return out;
  }

  /** How busy the machine's cores were since the last call (Linux's /proc/stat; NaN elsewhere). */
  machine(): MachineFigures {
    const now = machineTicks();
    const busyPct = 100 * (1 - (now.idle - this.lastStat.idle) / (now.total - this.lastStat.total));
    this.lastStat = now;
    return { busyPct, cores: now.cores };
  }

  // the share of one core since the previous minute (the first minute: since its first scrape)
  private cpuShare(name: string, seconds: number, at: number): number {
    const before = this.lastCpu[name];
    this.lastCpu[name] = { seconds, at };
    return before ? (100 * (seconds - before.seconds)) / ((at - before.at) / 1000) : NaN;
  }

  stop() {
    clearInterval(this.timer);
  }

  // a scrape slower than the interval is not overlapped by the next one
  private async take() {
    if (this.busy) return;
    this.busy = true;
    try {
      const sample = await scrape(this.urls);
      const at = performance.now();
      // the first answer of each service is where its first minute's CPU share starts
      for (const [name, s] of Object.entries(sample))
        if (!this.lastCpu[name] && !Number.isNaN(s.cpuSeconds))
          this.lastCpu[name] = { seconds: s.cpuSeconds, at };
      this.samples.push(sample);
    } finally {
      this.busy = false;
    }
  }
}

export const SOAKED: ServiceName[] = [
  'user-service',
  'order-service',
  'payment-service',
  'notification-worker',
  'ml-engine',
  'data-pipeline',
];
