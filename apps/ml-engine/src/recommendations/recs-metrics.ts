import { type Metrics } from '@platform/service-kit';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The `index_size` label: a decade bucket, so the label never takes one value per size. */
export function sizeBucket(size: number): string {
  if (size < 1_000) return '<1k';
  if (size < 10_000) return '1k-10k';
  if (size < 100_000) return '10k-100k';
  if (size < 1_000_000) return '100k-1M';
  return '>=1M';
}

export type RecsMetrics = ReturnType<typeof recsMetrics>;

/**
 * Seed 002 §7 serving metrics. `ml_embedding_cache_hit_rate` is a gauge of this process's hit share since
 * start, computed at scrape from the counter pair `ml_recommendation_cache_lookups_total{result}` (use the
 * counters with rate() for a windowed rate).
 */
export function recsMetrics(metrics: Metrics) {
  const registers = [metrics.registry];
  const lookups = new Counter({
    name: 'ml_recommendation_cache_lookups_total',
    help: 'Recommendation cache lookups by result (hit, miss)',
    labelNames: ['tenant_id', 'result'],
    registers,
  });
  const tally = new Map<string, { hits: number; total: number }>();
  new Gauge({
    name: 'ml_embedding_cache_hit_rate',
    help: 'Share of recommendation requests answered from the Redis cache since start',
    labelNames: ['tenant_id'],
    registers,
    collect() {
      for (const [tenant_id, t] of tally) this.set({ tenant_id }, t.total ? t.hits / t.total : 0);
    },
  });
  const search = new Histogram({
    name: 'ml_ann_search_duration_seconds',
    help: 'Vector index search time per recommendation request',
    labelNames: ['tenant_id', 'index_size'],
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers,
  });
  const perRequest = new Histogram({
    name: 'ml_recommendations_per_request',
    help: 'Items in each recommendation answer',
    labelNames: ['tenant_id'],
    buckets: [0, 1, 5, 10, 20, 50, 100],
    registers,
  });
  return {
    cacheLookup(tenantId: string, hit: boolean) {
      lookups.inc({ tenant_id: tenantId, result: hit ? 'hit' : 'miss' });
      const t = tally.get(tenantId) ?? { hits: 0, total: 0 };
      t.total += 1;
      if (hit) t.hits += 1;
      tally.set(tenantId, t);
    },
    annSearch(tenantId: string, indexSize: number, seconds: number) {
      search.observe({ tenant_id: tenantId, index_size: sizeBucket(indexSize) }, seconds);
    },
    served(tenantId: string, n: number) {
      perRequest.observe({ tenant_id: tenantId }, n);
    },
  };
}
