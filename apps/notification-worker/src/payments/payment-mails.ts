import { type DomainEvent } from '@platform/contracts';
import { orderRef } from '../orders/order-ref';
import { toCents } from '../templates/money';
import { mailUser, type UserMailDeps } from '../users/mail-user';
import { buyerReason } from './buyer-reason';

/** On `PaymentFailed` (not `OrderFailed`, which follows it: one mail): why, and what the buyer can do. */
export const sendPaymentFailed = (event: DomainEvent<'PaymentFailed'>, deps: UserMailDeps) =>
  mailUser(deps, event, event.data.user_id, 'payment-failed', (r) => ({
    ...orderRef(r, event.data.order_id),
    amount: toCents(event.data.amount),
    currency: event.data.currency,
    reason: buyerReason(event.data),
    payment: event.data.payment_method,
  }));

/**
 * On `PaymentRefunded`, by its `cause`: a cancelled paid order gets "cancelled and refunded" (its
 * `OrderCancelled` sends no mail of its own: one mail per outcome), any other refund "refund issued",
 * which says so when the order had closed (expired, or closed before the charge went through). The
 * event says why, so no refund waits for another topic.
 */
export async function sendRefund(event: DomainEvent<'PaymentRefunded'>, deps: UserMailDeps): Promise<void> {
  const { data } = event;
  const common = {
    amount: toCents(data.amount),
    currency: data.currency,
    payment: data.payment_method,
    card: data.payment_method?.type === 'credit_card',
  };
  if (data.cause === 'order_cancelled')
    return mailUser(deps, event, data.user_id, 'order-cancelled-refunded', (r) => ({
      ...orderRef(r, data.order_id),
      ...common,
    }));
  const refundedTotal = toCents(data.refunded_total);
  await mailUser(deps, event, data.user_id, 'refund-issued', (r) => ({
    ...orderRef(r, data.order_id),
    ...common,
    refunded_total: refundedTotal,
    earlier: refundedTotal > common.amount,
    order_closed: data.cause === 'order_expired' || data.cause === 'order_closed',
  }));
}
