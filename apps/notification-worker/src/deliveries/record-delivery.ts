import { type DeliveriesRepository, type Delivery } from './deliveries.repository';
import { type DeliveryMetrics } from './delivery-metrics';

/** Enough of a logger for this (the service's winston logger fits). */
export interface WarningLog {
  warn(message: string, meta?: Record<string, unknown>): unknown;
}

export interface OutcomeDeps {
  deliveries: Pick<DeliveriesRepository, 'record'>;
  metrics?: Pick<DeliveryMetrics, 'delivered'>;
  /** Where a delivery record that could not be written is reported. */
  logger: WarningLog;
}

/**
 * Counts and logs what became of a mail. Called after the send: a failure here must not fail the
 * handler, which would release the lease and send the mail again at once for the sake of a log entry.
 */
export async function recordDelivery(deps: OutcomeDeps, delivery: Delivery): Promise<void> {
  deps.metrics?.delivered(delivery.template, delivery.status);
  try {
    await deps.deliveries.record(delivery);
  } catch (err) {
    deps.logger.warn('Mail handled, but its delivery record could not be written', {
      event_id: delivery.event_id,
      template: delivery.template,
      status: delivery.status,
      error: (err as Error)?.message ?? String(err),
    });
  }
}
