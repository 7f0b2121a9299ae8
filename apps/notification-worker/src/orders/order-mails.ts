import { openSecret } from '@platform/auth';
import { type DomainEvent } from '@platform/contracts';
import { AppError } from '@platform/service-kit';
import { toCents } from '../templates/money';
import { mailUser, type UserMailDeps } from '../users/mail-user';
import { orderRef } from './order-ref';
import { receiptModel } from './receipt';

/** On `OrderConfirmed`: the receipt. */
export const sendReceipt = (event: DomainEvent<'OrderConfirmed'>, deps: UserMailDeps) =>
  mailUser(deps, event, event.data.user_id, 'order-confirmed', (r) => receiptModel(event.data, r));

/**
 * On `OrderCancelled` of an order that was never paid: "cancelled". A paid one gets no mail here: the
 * `PaymentRefunded` that follows says "cancelled and refunded" (one mail per outcome).
 */
export async function sendCancelled(event: DomainEvent<'OrderCancelled'>, deps: UserMailDeps): Promise<void> {
  const { data } = event;
  if (data.previous_status !== 'pending') return;
  await mailUser(deps, event, data.user_id, 'order-cancelled', (r) => ({
    ...orderRef(r, data.order_id),
    total: toCents(data.total_amount),
    currency: data.currency,
  }));
}

/** On `OrderExpired`: the unpaid order is gone. */
export const sendExpired = (event: DomainEvent<'OrderExpired'>, deps: UserMailDeps) =>
  mailUser(deps, event, event.data.user_id, 'order-expired', (r) => orderRef(r, event.data.order_id));

/**
 * The delivered keys, sealed by order-service for this worker alone. Unreadable never becomes
 * readable on a retry: a non-retriable error (the event goes to the DLQ).
 */
export function openKeys(event: DomainEvent<'OrderFulfilled'>, key: Buffer): string[] {
  const sealed = event.data.sealed_keys;
  if (!sealed) return [];
  const opened = JSON.parse(openSecret(key, sealed, [event.event_id, event.data.order_id])) as {
    keys?: unknown;
  };
  if (!Array.isArray(opened.keys) || !opened.keys.every((k) => typeof k === 'string'))
    throw new AppError({ code: 'SEALED_SECRET_INVALID', status: 400, message: 'sealed keys are malformed' });
  return opened.keys;
}

/** On `OrderFulfilled`: the keys, opened only to write the mail (never logged or stored). */
export async function sendKeys(
  event: DomainEvent<'OrderFulfilled'>,
  deps: UserMailDeps & { secretKey: Buffer },
): Promise<void> {
  const keys = openKeys(event, deps.secretKey);
  await mailUser(deps, event, event.data.user_id, 'order-fulfilled', (r) => ({
    ...orderRef(r, event.data.order_id),
    keys,
  }));
}
