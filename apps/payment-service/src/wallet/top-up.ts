import { randomUUID } from 'node:crypto';
import { WalletTopUpRequestSchema, type PaymentResponse, type WalletTopUpRequest } from '@platform/contracts';
import { parsePaymentBody } from '../payments/payment-body';
import { centsOf, toPaymentView, type PaymentRecord } from '../payments/payment-record';
import { type CardChargePort } from '../payments/ports';

/** The top-up body: a card problem is PAY_001 naming the field (as for payments), else VALIDATION_ERROR. */
export const parseTopUp = (body: unknown): WalletTopUpRequest =>
  parsePaymentBody(WalletTopUpRequestSchema, body);

/**
 * A wallet top-up: a card payment of its own (no order) charged through the gateway. It answers
 * `processing`; the wallet is credited when the gateway confirms the charge (WalletPort.completeTopUp).
 */
export async function topUpWallet(
  user: { tenantId: string; userId: string },
  body: WalletTopUpRequest,
  cards: CardChargePort,
  now: Date,
): Promise<PaymentResponse> {
  const topUp: PaymentRecord = {
    id: `pay_${randomUUID()}`,
    purpose: 'wallet_top_up',
    tenant_id: user.tenantId,
    user_id: user.userId,
    amount: centsOf(body.amount),
    currency: body.currency,
    status: 'processing',
    method_type: 'credit_card',
    refunded: 0,
    refund_pending: 0,
    created_at: now.toISOString(),
  };
  return toPaymentView(await cards.charge(topUp, body.paymentMethod));
}
