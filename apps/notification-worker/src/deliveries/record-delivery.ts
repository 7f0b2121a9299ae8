import { type DeliveriesRepository, type Delivery } from './deliveries.repository';

/** Enough of a logger for this (the service's winston logger fits). */
export interface WarningLog {
  warn(message: string, meta?: Record<string, unknown>): unknown;
}

/**
 * Logs a mail that went out. Called after the send: a failure here must not fail the handler, which
 * would release the lease and send the mail again at once for the sake of a support log entry.
 */
export async function recordDelivery(
  deps: { deliveries: Pick<DeliveriesRepository, 'record'>; logger: WarningLog },
  delivery: Delivery,
): Promise<void> {
  try {
    await deps.deliveries.record(delivery);
  } catch (err) {
    deps.logger.warn('Mail sent, but its delivery record could not be written', {
      event_id: delivery.event_id,
      template: delivery.template,
      error: (err as Error)?.message ?? String(err),
    });
  }
}
