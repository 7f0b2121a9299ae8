import { type Metrics } from '@platform/service-kit';
import { Counter, Gauge } from 'prom-client';

/** Seed 001's payment metrics: `payments_processed_total{status,method}` and `payment_success_rate`. */
export class PaymentMetrics {
  private readonly processedTotal: Counter<'status' | 'method'>;
  private readonly counts = { completed: 0, failed: 0 };

  constructor(metrics: Metrics) {
    this.processedTotal = new Counter({
      name: 'payments_processed_total',
      help: 'Payments that reached an outcome, by status (completed, failed) and method',
      labelNames: ['status', 'method'],
      registers: [metrics.registry],
    });
    const counts = this.counts;
    new Gauge({
      name: 'payment_success_rate',
      help: 'Completed payments over all payments with an outcome, since this instance started (0..1)',
      registers: [metrics.registry],
      collect() {
        const all = counts.completed + counts.failed;
        this.set(all ? counts.completed / all : 0);
      },
    });
  }

  processed(status: 'completed' | 'failed', method: string): void {
    this.processedTotal.inc({ status, method });
    this.counts[status]++;
  }
}
