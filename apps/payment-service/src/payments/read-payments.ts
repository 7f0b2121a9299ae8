import { type Principal } from '@platform/auth';
import { type PaymentResponse, type RefundRequest, type RefundResponse } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { PaymentErrors } from '../errors';
import { centsOf, toPaymentView, type PaymentRecord } from './payment-record';
import { type PaymentDeps } from './payment-deps';
import { newRefundId } from './refund-ids';
import { refundPayment, toRefundView } from './refund-payment';

type SignedInUser = Extract<Principal, { kind: 'user' }>;

/** The payment if the caller may see it (its buyer, or an admin of its shop); else 404, revealing nothing. */
async function visiblePayment(
  actor: SignedInUser,
  paymentId: string,
  deps: PaymentDeps,
): Promise<PaymentRecord> {
  const p = await deps.payments.get(paymentId);
  const visible = p?.tenant_id === actor.tenantId && (p.user_id === actor.userId || actor.role === 'admin');
  if (!p || !visible) throw PaymentErrors.paymentNotFound();
  return p;
}

export async function getPayment(
  actor: SignedInUser,
  paymentId: string,
  deps: PaymentDeps,
): Promise<PaymentResponse> {
  return toPaymentView(await visiblePayment(actor, paymentId, deps));
}

/** Seed 001 `GET /api/payments/user/{user_id}`: the user themself, or an admin of the shop; newest first. */
export async function listUserPayments(
  actor: SignedInUser,
  userId: string,
  page: { limit: number; offset: number },
  deps: PaymentDeps,
) {
  if (userId !== actor.userId && actor.role !== 'admin')
    throw Errors.forbidden("Another user's payments need the admin role");
  const { payments, total } = await deps.payments.listForUser(
    actor.tenantId,
    userId,
    page.limit,
    page.offset,
  );
  return { payments: payments.map(toPaymentView), total, ...page };
}

/** Seed 001 `POST /api/payments/{payment_id}/refund`: an admin of the payment's shop. */
export async function requestRefund(
  actor: SignedInUser,
  paymentId: string,
  body: RefundRequest,
  deps: PaymentDeps,
): Promise<RefundResponse> {
  if (actor.role !== 'admin') throw Errors.forbidden('Refunds need the admin role');
  const p = await visiblePayment(actor, paymentId, deps);
  const refund = await refundPayment(
    p,
    {
      id: newRefundId(),
      amount: body.amount === undefined ? undefined : centsOf(body.amount),
      cause: 'requested',
      reason: body.reason,
    },
    deps,
  );
  return toRefundView(refund);
}
