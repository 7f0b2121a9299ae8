import { type DomainEvent, type RefundCause } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { decimalOf, methodSummary, type PaymentRecord } from './payment-record';

/**
 * The events of `payment.events`, built from the stored record (aggregate: the payment, so one
 * payment's events stay in order). A wallet top-up has no order and publishes none of them.
 */
export function paymentCompleted(
  p: PaymentRecord & { order_id: string },
  at: Date,
): DomainEvent<'PaymentCompleted'> {
  return createEvent('PaymentCompleted', {
    aggregateId: p.id,
    tenantId: p.tenant_id,
    occurredAt: at,
    data: {
      payment_id: p.id,
      order_id: p.order_id,
      user_id: p.user_id,
      amount: decimalOf(p.amount),
      currency: p.currency,
      transaction_id: p.transaction_id ?? p.id,
      payment_method: methodSummary(p),
      completed_at: at.toISOString(),
    },
  });
}

/** `reason` is for the buyer: what happened and what they can do about it. */
export function paymentFailed(
  p: PaymentRecord & { order_id: string },
  failure: { reason: string; errorCode: string },
  at: Date,
): DomainEvent<'PaymentFailed'> {
  return createEvent('PaymentFailed', {
    aggregateId: p.id,
    tenantId: p.tenant_id,
    occurredAt: at,
    data: {
      payment_id: p.id,
      order_id: p.order_id,
      user_id: p.user_id,
      amount: decimalOf(p.amount),
      currency: p.currency,
      reason: failure.reason,
      error_code: failure.errorCode,
      payment_method: methodSummary(p),
      failed_at: at.toISOString(),
    },
  });
}

export function paymentRefunded(
  p: PaymentRecord & { order_id: string },
  refund: { id: string; amount: number; cause: RefundCause; reason?: string },
  refundedTotal: number,
  at: Date,
): DomainEvent<'PaymentRefunded'> {
  return createEvent('PaymentRefunded', {
    aggregateId: p.id,
    tenantId: p.tenant_id,
    occurredAt: at,
    data: {
      payment_id: p.id,
      refund_id: refund.id,
      order_id: p.order_id,
      user_id: p.user_id,
      amount: decimalOf(refund.amount),
      refunded_total: decimalOf(refundedTotal),
      currency: p.currency,
      payment_method: methodSummary(p),
      cause: refund.cause,
      ...(refund.reason ? { reason: refund.reason } : {}),
      refunded_at: at.toISOString(),
    },
  });
}
