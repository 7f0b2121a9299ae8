import { type Metrics } from '@platform/service-kit';
import { Counter } from 'prom-client';
import { type DeliveryStatus } from './deliveries.repository';

/** `notifications_sent_total{template,status}`: what became of the mails, by template. */
export function deliveryMetrics(metrics: Metrics) {
  const sent = new Counter({
    name: 'notifications_sent_total',
    help: 'Mails handled, by template and outcome (sent, skipped, failed_permanent)',
    labelNames: ['service', 'template', 'status'],
    registers: [metrics.registry],
  });
  return {
    delivered(template: string, status: DeliveryStatus) {
      sent.inc({ service: metrics.service, template, status });
    },
  };
}
export type DeliveryMetrics = ReturnType<typeof deliveryMetrics>;
