import { type InternalOrderResponse } from '@platform/contracts';
import { inSpanUnder, linkToActive } from '@platform/service-kit';

/**
 * Runs an order's payment (gateway charge or wallet debit, ledger, its PaymentCompleted/PaymentFailed
 * in the outbox) in a span `payment <order_id>` whose parent is the traceparent order-service kept with
 * the order: the payment belongs to the order's trace, whoever sent `POST /api/payments`. The request's
 * own span is linked, so its trace still points here. Ids only as attributes (never the card).
 */
export function inPaymentSpan<T>(
  order: InternalOrderResponse,
  method: 'credit_card' | 'wallet',
  fn: () => Promise<T>,
): Promise<T> {
  return inSpanUnder(
    `payment ${order.id}`,
    {
      traceparent: order.traceparent,
      links: linkToActive(),
      attributes: { 'order.id': order.id, 'tenant.id': order.tenant_id, 'payment.method': method },
    },
    fn,
  );
}
