import { type ServiceName } from '@platform/devstack';

export interface ProcessFigures {
  rssMb: number;
  /** The JavaScript heap in use: RSS growing while it stays flat is native memory (a driver, DuckDB). */
  heapMb: number;
  lagP99Ms: number;
}

/** The first sample of `name` on a Prometheus page (labels or not), or NaN. */
function sample(page: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(page);
  return m ? Number(m[1]) : NaN;
}

/**
 * RSS, heap in use and event-loop lag p99 of each service, from its own /metrics (prom-client's default process
 * metrics; the lag histogram falls back to the mean lag where a service exports no p99).
 */
export async function scrape(urls: Record<string, string>): Promise<Record<string, ProcessFigures>> {
  const out: Record<string, ProcessFigures> = {};
  await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const page = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.text(),
        () => '',
      );
      const lag = sample(page, 'nodejs_eventloop_lag_p99_seconds');
      out[name] = {
        rssMb: sample(page, 'process_resident_memory_bytes') / 2 ** 20,
        heapMb: sample(page, 'nodejs_heap_size_used_bytes') / 2 ** 20,
        lagP99Ms: (Number.isNaN(lag) ? sample(page, 'nodejs_eventloop_lag_seconds') : lag) * 1000,
      };
    }),
  );
  return out;
}

export const SOAKED: ServiceName[] = [
  'user-service',
  'order-service',
  'payment-service',
  'notification-worker',
  'ml-engine',
  'data-pipeline',
];
