/** What one minute saw: requests sent in it, and the answers that came back in it, per kind. */
export class Window {
  sent = 0;
  completed = 0;
  errors = 0;
  readonly errorSamples = new Map<string, number>();
  readonly latencies = new Map<string, number[]>();

  record(kind: string, ms: number, error?: string) {
    this.completed++;
    if (error) {
      this.errors++;
      const key = `${kind}: ${error}`.slice(0, 140);
      this.errorSamples.set(key, (this.errorSamples.get(key) ?? 0) + 1);
      return;
    }
    const list = this.latencies.get(kind) ?? [];
    list.push(ms);
    this.latencies.set(kind, list);
  }

  /** All latencies of successful answers, sorted. */
  all(): number[] {
    return [...this.latencies.values()].flat().sort((a, b) => a - b);
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

export const fmt = (n: number, digits = 0) => (Number.isNaN(n) ? '-' : n.toFixed(digits));
