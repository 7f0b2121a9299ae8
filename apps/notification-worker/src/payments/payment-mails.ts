import { type DomainEvent } from '@platform/contracts';
import { AppError } from '@platform/service-kit';
import { type CancelledOrdersRepository } from '../orders/cancelled-orders.repository';
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

export interface RefundMailDeps extends UserMailDeps {
  cancelledOrders: Pick<CancelledOrdersRepository, 'isCancelled'>;
  /** CANCELLATION_WAIT_MS: how long a refund waits for its order's cancellation to be known. */
  cancellationWaitMs: number;
}

/**
 * On `PaymentRefunded`: "cancelled and refunded" when the order is known cancelled (the order
 * projection), else a refund of its own. `OrderCancelled` comes first in time but on another topic, so
 * the refund may be handled before it: then it waits, retriably, while younger than
 * CANCELLATION_WAIT_MS (a refund that is no cancellation's is mailed after that wait).
 */
export async function sendRefund(event: DomainEvent<'PaymentRefunded'>, deps: RefundMailDeps): Promise<void> {
  const { data } = event;
  const common = {
    amount: toCents(data.amount),
    currency: data.currency,
    payment: data.payment_method,
    card: data.payment_method?.type === 'credit_card',
  };
  if (await deps.cancelledOrders.isCancelled(data.order_id)) {
    return mailUser(deps, event, data.user_id, 'order-cancelled-refunded', (r) => ({
      ...orderRef(r, data.order_id),
      ...common,
    }));
  }
  const age = (deps.now ?? Date.now)() - Date.parse(event.occurred_at);
  if (age < deps.cancellationWaitMs)
    throw new AppError({
      code: 'CANCELLATION_NOT_YET_KNOWN',
      status: 503,
      retriable: true,
      message: 'Waiting to learn whether this refund is a cancellation',
    });
  const refundedTotal = toCents(data.refunded_total);
  await mailUser(deps, event, data.user_id, 'refund-issued', (r) => ({
    ...orderRef(r, data.order_id),
    ...common,
    refunded_total: refundedTotal,
    earlier: refundedTotal > common.amount,
  }));
}
