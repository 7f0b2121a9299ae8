import { failureOf } from './failure-reasons';
import { paymentCompleted, paymentFailed } from './payment-events';
import { type PaymentRecord } from './payment-record';
import { type PaymentDeps } from './payment-deps';
import { refundIdFrom } from './refund-ids';
import { refundClosedOrder } from './refund-payment';

export type ChargeOutcome =
  { status: 'succeeded'; chargeId: string } | { status: 'failed'; chargeId: string; failureCode?: string };

/**
 * The gateway's verdict on a charge, from its callback or from the reconciler's question: the payment
 * becomes `completed` or `failed` with its event in the same write, once (`stale` when it was settled
 * already). A top-up credits the wallet instead. A charge that completes for an order closed meanwhile
 * is completed, published, and then refunded in full.
 */
export async function settleCharge(
  p: PaymentRecord,
  outcome: ChargeOutcome,
  deps: PaymentDeps,
): Promise<'applied' | 'stale'> {
  const at = deps.now();
  if (p.purpose === 'wallet_top_up') return settleTopUp(p, outcome, at, deps);
  const order = { ...p, order_id: p.order_id! };
  let result: 'applied' | 'stale' | 'refund-due';
  if (outcome.status === 'succeeded') {
    const done = { ...order, transaction_id: outcome.chargeId };
    result = await deps.payments.settle(
      p,
      {
        status: 'completed',
        charge_id: outcome.chargeId,
        transaction_id: outcome.chargeId,
        completed_at: at.toISOString(),
      },
      [paymentCompleted(done, at)],
      at,
    );
  } else {
    const failure = failureOf(outcome.failureCode);
    result = await deps.payments.settle(
      p,
      {
        status: 'failed',
        charge_id: outcome.chargeId,
        error_code: failure.errorCode,
        failure_reason: failure.reason,
        failed_at: at.toISOString(),
      },
      [paymentFailed(order, failure, at)],
      at,
    );
  }
  if (result === 'stale') {
    if (outcome.status === 'succeeded') await refundStrayCharge(p.id, outcome.chargeId, deps);
    return 'stale';
  }
  deps.metrics.processed(outcome.status === 'succeeded' ? 'completed' : 'failed', p.method_type);
  if (result === 'refund-due') await refundClosedOrder(p.id, deps);
  return 'applied';
}

/**
 * A charge succeeded for a payment this service had already failed (the gateway answered 5xx but charged
 * after all, or the reconciler gave it up): the buyer's money goes straight back, once per charge.
 */
async function refundStrayCharge(paymentId: string, chargeId: string, deps: PaymentDeps): Promise<void> {
  const p = await deps.payments.get(paymentId);
  if (p?.status !== 'failed') return;
  deps.logger.warn('charge succeeded for a failed payment: refunding it', {
    payment_id: p.id,
    charge_id: chargeId,
  });
  await deps.gateway.refund(chargeId, {
    amount: p.amount,
    idempotencyKey: refundIdFrom(`stray-charge:${chargeId}`),
    metadata: { payment_id: p.id },
  });
}

async function settleTopUp(
  p: PaymentRecord,
  outcome: ChargeOutcome,
  at: Date,
  deps: PaymentDeps,
): Promise<'applied' | 'stale'> {
  let applied: boolean;
  if (outcome.status === 'succeeded') {
    applied = await deps.wallet().completeTopUp(p.id, outcome.chargeId, at);
  } else {
    const failure = failureOf(outcome.failureCode);
    const fields = {
      status: 'failed',
      charge_id: outcome.chargeId,
      error_code: failure.errorCode,
      failure_reason: failure.reason,
      failed_at: at.toISOString(),
    };
    // a top-up has no order: nobody listens for its failure, so no event
    applied = (await deps.payments.settle(p, fields, [], at)) !== 'stale';
  }
  if (!applied) return 'stale';
  deps.metrics.processed(outcome.status === 'succeeded' ? 'completed' : 'failed', p.method_type);
  return 'applied';
}
