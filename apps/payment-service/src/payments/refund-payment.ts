import { type RefundCause, type RefundResponse } from '@platform/contracts';
import { AppError, isAppError } from '@platform/service-kit';
import { PaymentErrors } from '../errors';
import { gatewayFailureOf } from '../gateway/gateway.client';
import { paymentRefunded } from './payment-events';
import { decimalOf, type PaymentRecord, type RefundRecord } from './payment-record';
import { type PaymentDeps } from './payment-deps';
import { refundIdFrom } from './refund-ids';

export interface RefundOrder {
  id: string;
  /** Cents; all that is left when absent. */
  amount?: number;
  cause: RefundCause;
  reason?: string;
}

/**
 * Gives money back. A wallet payment goes back to the wallet at once (`completed`). A card refund is
 * reserved first (refunded + pending never pass the amount, whatever runs at the same time), then asked
 * of the gateway (idempotency key: the refund id) and `processing` until its `refund.succeeded`
 * callback. PAY_004 when the payment is not completed or the amount is more than is left. The same
 * refund id asked twice is one refund.
 */
export async function refundPayment(
  p: PaymentRecord,
  order: RefundOrder,
  deps: PaymentDeps,
): Promise<RefundRecord> {
  const at = deps.now();
  if (p.method_type === 'wallet') {
    if (p.status !== 'completed') throw PaymentErrors.refundNotAllowed('not_completed', { status: p.status });
    const left = p.amount - p.refunded;
    const amount = order.amount ?? left;
    if (amount <= 0 || amount > left)
      throw PaymentErrors.refundNotAllowed('exceeds_remaining', { remaining: decimalOf(left) });
    await deps.wallet().refundToWallet(p.id, { ...order, amount }, at);
    return (await deps.refunds.get(order.id))!;
  }
  const reserved = await deps.refunds.reserve(
    p.id,
    {
      id: order.id,
      payment_id: p.id,
      currency: p.currency,
      cause: order.cause,
      reason: order.reason,
      created_at: at.toISOString(),
    },
    order.amount,
    at.getTime() + deps.config.RECONCILE_AFTER_MS,
  );
  if (reserved.kind === 'not_completed')
    throw PaymentErrors.refundNotAllowed('not_completed', { status: reserved.status || 'unknown' });
  if (reserved.kind === 'exceeds')
    throw PaymentErrors.refundNotAllowed('exceeds_remaining', { remaining: decimalOf(reserved.left) });
  const refund = (await deps.refunds.get(order.id))!;
  if (refund.status !== 'processing' || refund.gateway_refund_id) return refund;
  // asked before (a redelivered event): that request may have reached the gateway
  return sendRefundToGateway(p, refund, deps, { retry: reserved.kind === 'exists' });
}

/**
 * Asks the gateway for a reserved card refund (idempotency key: the refund id, so asking again is safe).
 * A refusal fails it and gives its reservation back; so does an outage on the first request (nothing can
 * have been refunded). An outage when asking again (`retry`: an earlier request went unanswered, so the
 * refund may exist) leaves it `processing` for the next attempt.
 */
export async function sendRefundToGateway(
  p: PaymentRecord,
  refund: RefundRecord,
  deps: PaymentDeps,
  { retry = false } = {},
): Promise<RefundRecord> {
  try {
    const answer = await deps.gateway.refund(p.charge_id!, {
      amount: refund.amount,
      idempotencyKey: refund.id,
      metadata: { payment_id: p.id, refund_id: refund.id },
    });
    await deps.refunds.recordGatewayId(refund.id, answer.refund_id);
    return { ...refund, gateway_refund_id: answer.refund_id };
  } catch (err) {
    const failure = gatewayFailureOf(err);
    if (failure === 'unknown') return refund; // it may exist: its callback (or the reconciler) completes it
    if (failure === 'unavailable' && retry) throw err;
    await deps.refunds.fail(refund);
    if (failure === 'refused')
      throw PaymentErrors.refundNotAllowed('refused_by_gateway', {
        gateway_code: isAppError(err) ? err.code : undefined,
      });
    throw err;
  }
}

/**
 * The gateway's `refund.succeeded`: the refund completes, the payment's refunded sum grows and
 * PaymentRefunded goes to the outbox in one write, once. The event carries the new total, so the write
 * is conditional on the total it was built from (read again if another refund landed meanwhile).
 */
export async function completeRefund(
  refund: RefundRecord,
  gatewayRefundId: string | undefined,
  deps: PaymentDeps,
): Promise<'applied' | 'stale'> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const p = await deps.payments.get(refund.payment_id);
    if (!p?.order_id) return 'stale';
    const at = deps.now();
    const event = paymentRefunded({ ...p, order_id: p.order_id }, refund, p.refunded + refund.amount, at);
    const fields = {
      status: 'completed',
      completed_at: at.toISOString(),
      ...(gatewayRefundId ? { gateway_refund_id: gatewayRefundId } : {}),
    };
    const result = await deps.refunds.complete(refund, fields, p.refunded, [event]);
    if (result !== -2) return result === 1 ? 'applied' : 'stale';
  }
  throw new AppError({
    code: 'REFUND_CONTENDED',
    status: 503,
    retriable: true,
    message: 'The payment kept changing; the refund callback is retried',
  });
}

/**
 * A payment completed for an order that had closed (cancelled or expired) meanwhile: all of it goes
 * back, under an id derived from the payment (doing this twice refunds once). PAY_004 "nothing left"
 * means it was refunded already.
 */
export async function refundClosedOrder(paymentId: string, deps: PaymentDeps): Promise<void> {
  const p = await deps.payments.get(paymentId);
  if (p?.status === 'completed') {
    try {
      await refundPayment(
        p,
        {
          id: refundIdFrom(`closed-order:${paymentId}`),
          cause: 'order_closed',
          reason: 'The order was closed before it was paid',
        },
        deps,
      );
    } catch (err) {
      if (!isAppError(err) || err.code !== 'PAY_004') throw err;
    }
  }
  await deps.payments.refundQueued(paymentId);
}

/** A refund at the API (seed 001), money as decimals. */
export function toRefundView(r: RefundRecord): RefundResponse {
  return {
    id: r.id,
    paymentId: r.payment_id,
    amount: decimalOf(r.amount),
    currency: r.currency,
    status: r.status === 'completed' ? 'completed' : 'processing',
    ...(r.reason ? { reason: r.reason } : {}),
    createdAt: r.created_at,
    ...(r.completed_at ? { completedAt: r.completed_at } : {}),
  };
}
