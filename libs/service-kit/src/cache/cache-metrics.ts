import { Counter, Gauge } from 'prom-client';
import { type Metrics } from '../observability/metrics';

/** Seed 002 §7's cache metrics: `cache_operations_total` by result, and `cache_hit_rate` of the reads. */
export class CacheMetrics {
  private readonly ops: Counter<'service' | 'operation' | 'result'>;
  private readonly lookups = { hits: 0, misses: 0 };

  constructor(private readonly metrics: Metrics) {
    const registers = [metrics.registry];
    this.ops = new Counter({
      name: 'cache_operations_total',
      help: 'Cache operations by result',
      labelNames: ['service', 'operation', 'result'],
      registers,
    });
    const { lookups } = this;
    new Gauge({
      name: 'cache_hit_rate',
      help: 'Share of cache reads that were hits, since the process started',
      labelNames: ['service'],
      registers,
      collect() {
        const total = lookups.hits + lookups.misses;
        this.set({ service: metrics.service }, total ? lookups.hits / total : 0);
      },
    });
  }

  count(operation: string, result: string): void {
    this.ops.inc({ service: this.metrics.service, operation, result });
  }

  /** A read answered from the cache (`hit`) or not (a miss, whatever the reason). */
  lookup(hit: boolean): void {
    if (hit) this.lookups.hits++;
    else this.lookups.misses++;
  }
}
