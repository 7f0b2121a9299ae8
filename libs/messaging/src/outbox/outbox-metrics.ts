import { type Metrics } from '@platform/service-kit';
import { Gauge, type Registry } from 'prom-client';

/** What an outbox holds now, as its store can tell cheaply. */
export interface OutboxStats {
  /** Events committed and not yet published (parked ones excluded). */
  pending: number;
  /** Age of the oldest pending event; 0 when there is none. */
  oldestAgeSeconds: number;
  /** Events given up on after too many failed attempts, waiting for a person. */
  parked: number;
  /** Pending events held back behind a parked event of their aggregate (released with it). */
  heldBack: number;
}

interface Source {
  outbox: string;
  stats: () => Promise<OutboxStats>;
}

interface Gauges {
  sources: Set<Source>;
}

// Several relays (a service with two stores, tests with two replicas) share one registry, where a
// metric name can be registered once: the gauges are created once per registry and ask every source.
const byRegistry = new WeakMap<Registry, Gauges>();

// One scrape reads the three gauges one after the other: the stats of a source are read once for them.
const SNAPSHOT_MS = 500;

function gaugesOf(metrics: Metrics): Gauges {
  const existing = byRegistry.get(metrics.registry);
  if (existing) return existing;
  const gauges: Gauges = { sources: new Set() };
  const snapshots = new Map<Source, { at: number; stats: Promise<OutboxStats | undefined> }>();
  const statsOf = (s: Source) => {
    const cached = snapshots.get(s);
    if (cached && Date.now() - cached.at < SNAPSHOT_MS) return cached.stats;
    // a store that is down must not fail /metrics: its gauges keep their last values
    const stats = s.stats().catch(() => undefined);
    snapshots.set(s, { at: Date.now(), stats });
    return stats;
  };
  const gauge = (name: string, help: string, pick: (s: OutboxStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['service', 'outbox'],
      registers: [metrics.registry],
      async collect() {
        for (const source of gauges.sources) {
          const stats = await statsOf(source);
          if (stats) this.set({ service: metrics.service, outbox: source.outbox }, pick(stats));
        }
      },
    });
  gauge('outbox_pending', 'Outbox events committed and not yet published', (s) => s.pending);
  gauge('outbox_oldest_age_seconds', 'Age of the oldest unpublished outbox event', (s) => s.oldestAgeSeconds);
  gauge('outbox_parked', 'Outbox events parked after too many failed publish attempts', (s) => s.parked);
  gauge(
    'outbox_held_back',
    'Outbox events waiting behind a parked event of their aggregate',
    (s) => s.heldBack,
  );
  byRegistry.set(metrics.registry, gauges);
  return gauges;
}

/** Exports an outbox's gauges into the service's registry; returns the function that removes them. */
export function exportOutboxGauges(metrics: Metrics, outbox: string, stats: () => Promise<OutboxStats>) {
  const gauges = gaugesOf(metrics);
  const source: Source = { outbox, stats };
  gauges.sources.add(source);
  return () => gauges.sources.delete(source);
}
