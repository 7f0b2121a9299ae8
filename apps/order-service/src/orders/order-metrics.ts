import { type Metrics } from '@platform/service-kit';
import { Counter, Histogram } from 'prom-client';

/** Seed 001's order metrics: `orders_created_total` and `order_value_histogram` (in currency units). */
export function orderMetrics(metrics: Metrics) {
  const registers = [metrics.registry];
  const created = new Counter({
    name: 'orders_created_total',
    help: 'Orders created',
    labelNames: ['service', 'currency'],
    registers,
  });
  const value = new Histogram({
    name: 'order_value_histogram',
    help: 'Order totals, in the major unit of their currency',
    labelNames: ['service', 'currency'],
    buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000],
    registers,
  });
  return {
    orderCreated(totalMinor: number, currency: string) {
      created.inc({ service: metrics.service, currency });
      value.observe({ service: metrics.service, currency }, totalMinor / 100);
    },
  };
}
export type OrderMetrics = ReturnType<typeof orderMetrics>;
