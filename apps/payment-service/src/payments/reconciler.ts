import { isAppError } from '@platform/service-kit';
import { callbackUrlOf } from '../config';
import { gatewayFailureOf } from '../gateway/gateway.client';
import { type PaymentDeps } from './payment-deps';
import { completeRefund, refundClosedOrder, sendRefundToGateway } from './refund-payment';
import { settleCharge } from './settle-charge';

const BATCH = 50;

/**
 * Asks the gateway about one payment still `processing` past RECONCILE_AFTER_MS (its callback never
 * came): by charge id, or, when the charge's answer timed out, by sending the charge again with the same
 * idempotency key (the gateway answers the charge it made, or refuses an unknown card: nothing was
 * charged). A verdict settles it as a callback would; anything else asks again next round.
 */
export async function reconcilePayment(paymentId: string, deps: PaymentDeps): Promise<void> {
  const p = await deps.payments.get(paymentId);
  if (p?.status !== 'processing') return deps.payments.forgetProcessing(paymentId);
  const later = () => deps.payments.pollLater(p.id, deps.now().getTime() + deps.config.RECONCILE_INTERVAL_MS);
  try {
    const charge = p.charge_id
      ? await deps.gateway.getCharge(p.charge_id)
      : await deps.gateway.charge({
          amount: p.amount,
          currency: p.currency,
          idempotencyKey: p.id,
          callbackUrl: callbackUrlOf(deps.config),
          metadata: { payment_id: p.id },
        });
    if (charge.status === 'processing') {
      if (!p.charge_id) await deps.payments.recordCharge(p.id, { charge_id: charge.charge_id });
      return later();
    }
    await settleCharge(
      p,
      charge.status === 'succeeded'
        ? { status: 'succeeded', chargeId: charge.charge_id }
        : { status: 'failed', chargeId: charge.charge_id, failureCode: charge.failure_code },
      deps,
    );
  } catch (err) {
    // sent again without the card, a charge the gateway never received is refused: nothing was charged
    const neverArrived =
      !p.charge_id && gatewayFailureOf(err) === 'refused' && isAppError(err) && err.status === 402;
    if (!neverArrived) return later();
    await settleCharge(p, { status: 'failed', chargeId: '', failureCode: 'payment_not_received' }, deps);
  }
}

/**
 * Asks the gateway about one card refund still `processing` past RECONCILE_AFTER_MS (its callback never
 * came): a refund the gateway confirms completes as its callback would; one whose request never got an
 * answer is sent again under the same idempotency key.
 */
export async function reconcileRefund(refundId: string, deps: PaymentDeps): Promise<void> {
  const refund = await deps.refunds.get(refundId);
  const p = refund?.status === 'processing' ? await deps.payments.get(refund.payment_id) : undefined;
  if (!refund || !p?.charge_id) return deps.refunds.forgetProcessing(refundId);
  const later = () =>
    deps.refunds.pollLater(refundId, deps.now().getTime() + deps.config.RECONCILE_INTERVAL_MS);
  try {
    if (!refund.gateway_refund_id) {
      await sendRefundToGateway(p, refund, deps, { retry: true });
      return later();
    }
    const charge = await deps.gateway.getCharge(p.charge_id);
    const atGateway = charge.refunds?.find((r) => r.refund_id === refund.gateway_refund_id);
    if (atGateway?.status !== 'succeeded') return later();
    await completeRefund(refund, atGateway.refund_id, deps);
  } catch (err) {
    if (!isAppError(err) || err.retriable) return later();
    throw err;
  }
}

/**
 * The background loop: every RECONCILE_INTERVAL_MS, the payments and card refunds due for a question,
 * and the payments that completed for a closed order and still wait for their refund.
 */
export function paymentReconciler(deps: PaymentDeps) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  const round = async () => {
    const due = await deps.payments.dueForPolling(deps.now().getTime(), BATCH);
    for (const id of due) await reconcilePayment(id, deps);
    const refunds = await deps.refunds.dueForPolling(deps.now().getTime(), BATCH);
    for (const id of refunds) await reconcileRefund(id, deps);
    for (const id of await deps.payments.refundsDue(BATCH)) await refundClosedOrder(id, deps);
  };
  const tick = () => {
    running = round()
      .catch((err: unknown) => {
        deps.logger.warn('payment reconciliation failed; retrying', { error: String(err) });
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, deps.config.RECONCILE_INTERVAL_MS);
      });
  };
  return {
    start() {
      stopped = false;
      timer = setTimeout(tick, deps.config.RECONCILE_INTERVAL_MS);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
