import { createHash, randomUUID } from 'node:crypto';
import { type Principal } from '@platform/auth';
import {
  type CreatePaymentRequest,
  type InternalOrderResponse,
  type PaymentResponse,
} from '@platform/contracts';
import { Errors, isAppError } from '@platform/service-kit';
import { PaymentErrors } from '../errors';
import { cardSummary, submitCharge } from './card-charges';
import { centsOf, keys, toPaymentView, type PaymentRecord } from './payment-record';
import { type PaymentDeps } from './payment-deps';
import { inPaymentSpan } from './payment-span';
import { refundClosedOrder } from './refund-payment';

type SignedInUser = Extract<Principal, { kind: 'user' }>;

/**
 * The request an Idempotency-Key was used with, hashed without the card number and CVV (only what is
 * kept of the card takes part).
 */
function bodyHashOf(body: CreatePaymentRequest): string {
  const m = body.paymentMethod;
  const method =
    m.type === 'credit_card' ? { ...cardSummary(m), exp: `${m.expiryMonth}/${m.expiryYear}` } : m;
  const canonical = JSON.stringify([body.orderId, body.userId ?? '', body.amount, body.currency, method]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Seed 001 `POST /api/payments`: the order (asked of order-service) must be the caller's (or the caller
 * an admin of its shop), `pending`, and of this amount and currency. The payment claims the order in the
 * write that records it (a second one is PAY_003, also at the same instant). A card goes to the gateway
 * and stays `processing` until its callback; the wallet pays at once. `created: false` for a replayed
 * Idempotency-Key.
 */
export async function createPayment(
  actor: SignedInUser,
  body: CreatePaymentRequest,
  idempotencyKey: string | undefined,
  deps: PaymentDeps,
): Promise<{ payment: PaymentResponse; created: boolean }> {
  const buyerId = body.userId ?? actor.userId;
  if (buyerId !== actor.userId && actor.role !== 'admin')
    throw Errors.forbidden('Paying for another user needs the admin role');
  const idempotency = idempotencyKey
    ? { key: keys.idempotency(actor.tenantId, buyerId, idempotencyKey), bodyHash: bodyHashOf(body) }
    : undefined;
  if (idempotency) {
    const seen = await deps.payments.idempotency(actor.tenantId, buyerId, idempotencyKey!);
    if (seen) return replay(seen, idempotency.bodyHash, deps);
  }

  const order = await deps.fetchOrder(body.orderId);
  const visible =
    order?.tenant_id === actor.tenantId && (order.user_id === actor.userId || actor.role === 'admin');
  if (!order || !visible) throw PaymentErrors.orderNotFound();
  if (order.user_id !== buyerId)
    throw Errors.validation('userId is not the buyer of this order', { field: 'userId' });
  if (order.status === 'confirmed' || order.status === 'fulfilled')
    throw PaymentErrors.alreadyProcessed(order.payment_id);
  if (order.status !== 'pending') throw PaymentErrors.orderNotPayable(order.status);
  if (centsOf(body.amount) !== centsOf(order.total_amount) || body.currency !== order.currency)
    throw PaymentErrors.amountMismatch(
      { amount: order.total_amount, currency: order.currency },
      { amount: body.amount, currency: body.currency },
    );
  // a token outlives a deactivation by up to its 15 minutes: user-service says whether the buyer may pay
  const payer = await deps.fetchUser(order.user_id);
  if (!payer || payer.tenant_id !== order.tenant_id || !payer.is_active) throw PaymentErrors.payerInactive();
  const method = body.paymentMethod;
  return inPaymentSpan(order, method.type, () => pay(order, method, idempotency, deps));
}

/** The checked order's payment: recorded (claiming the order), then charged or taken from the wallet. */
async function pay(
  order: InternalOrderResponse,
  method: CreatePaymentRequest['paymentMethod'],
  idempotency: { key: string; bodyHash: string } | undefined,
  deps: PaymentDeps,
): Promise<{ payment: PaymentResponse; created: boolean }> {
  const now = deps.now();
  const record: PaymentRecord & { order_id: string } = {
    id: `pay_${randomUUID()}`,
    purpose: 'order',
    tenant_id: order.tenant_id,
    user_id: order.user_id,
    order_id: order.id,
    amount: centsOf(order.total_amount),
    currency: order.currency,
    status: 'processing',
    ...(method.type === 'credit_card' ? cardSummary(method) : { method_type: 'wallet' as const }),
    refunded: 0,
    refund_pending: 0,
    created_at: now.toISOString(),
  };
  const created = await deps.payments.createForOrder(record, {
    pollAt: method.type === 'credit_card' ? now.getTime() + deps.config.RECONCILE_AFTER_MS : undefined,
    idempotency,
  });
  if (created.kind === 'replay') return replay(created.seen, idempotency!.bodyHash, deps);
  if (created.kind === 'taken') throw PaymentErrors.alreadyProcessed(created.paymentId);

  if (method.type === 'credit_card') {
    const sent = await submitCharge(record, method, deps, idempotency?.key);
    return { payment: toPaymentView(sent), created: true };
  }
  return { payment: toPaymentView(await payFromWallet(record, now, deps, idempotency?.key)), created: true };
}

async function payFromWallet(
  record: PaymentRecord & { order_id: string },
  now: Date,
  deps: PaymentDeps,
  idempotencyKey?: string,
): Promise<PaymentRecord> {
  let paid: PaymentRecord;
  try {
    paid = await deps.wallet().payOrder(record, now);
  } catch (err) {
    const short = isAppError(err) && err.code === 'PAY_002';
    await deps.payments.failQuietly(
      record,
      {
        errorCode: short ? 'INSUFFICIENT_FUNDS' : 'WALLET_UNAVAILABLE',
        reason: short
          ? 'Your wallet balance is too low. Top it up or pay by card.'
          : 'The wallet is unavailable.',
        at: deps.now(),
      },
      idempotencyKey,
    );
    deps.metrics.processed('failed', 'wallet');
    throw err;
  }
  deps.metrics.processed('completed', 'wallet');
  // the order may have closed while it was paid: then it is refunded (once, however this races the consumer)
  if (await deps.payments.orderClosed(record.order_id)) await refundClosedOrder(record.id, deps);
  return paid;
}

async function replay(
  seen: { body_hash: string; payment_id: string },
  bodyHash: string,
  deps: PaymentDeps,
): Promise<{ payment: PaymentResponse; created: boolean }> {
  if (seen.body_hash !== bodyHash) throw Errors.idempotencyConflict();
  const payment = await deps.payments.get(seen.payment_id);
  if (!payment) throw PaymentErrors.alreadyProcessed(seen.payment_id);
  return { payment: toPaymentView(payment), created: false };
}
