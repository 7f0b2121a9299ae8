import type { ModelVersion } from '@platform/contracts';

/** "v1.10.0" → [1, 10, 0], compared number by number (so v1.10.0 is after v1.9.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split('.').map(Number);
  const pb = b.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Newest first, as the table shows them. */
export const newestFirst = (models: readonly ModelVersion[]) =>
  [...models].sort((a, b) => compareVersions(b.version, a.version));

export interface MetricsPoint {
  version: string;
  ndcg: number;
  recall: number;
  /** The popularity baseline on the same held-out split, when the version has one. */
  baselineNdcg?: number;
  baselineRecall?: number;
}

/** The chart's series: one point per version, oldest first (left to right), metrics rounded to 4 places. */
export function metricsSeries(models: readonly ModelVersion[]): MetricsPoint[] {
  const r = (n: number) => Math.round(n * 10_000) / 10_000;
  return [...models]
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((m) => {
      const vm = m.validation_metrics;
      const point: MetricsPoint = { version: m.version, ndcg: r(vm.ndcg_at_10), recall: r(vm.recall_at_10) };
      if (vm.baseline) {
        point.baselineNdcg = r(vm.baseline.ndcg_at_10);
        point.baselineRecall = r(vm.baseline.recall_at_10);
      }
      return point;
    });
}

/**
 * Where "Roll back" goes: the version that was active before the current one (the latest activated
 * of the others), or else the newest older version. Undefined when there is nothing to go back to.
 */
export function rollbackTarget(
  models: readonly ModelVersion[],
  active: string | null,
): ModelVersion | undefined {
  if (!active) return undefined;
  const others = models.filter((m) => m.version !== active);
  const activatedBefore = others
    .filter((m) => m.activated_at)
    .sort((a, b) => Date.parse(b.activated_at ?? '') - Date.parse(a.activated_at ?? ''));
  if (activatedBefore[0]) return activatedBefore[0];
  return newestFirst(others).find((m) => compareVersions(m.version, active) < 0);
}

/** A metric as the table shows it: 0.48123 → "0.4812". */
export const metric = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(4));
