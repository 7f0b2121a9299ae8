import { randomUUID } from 'node:crypto';
import { WalletTopUpRequestSchema, type PaymentResponse } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { PaymentErrors } from '../errors';
import { centsOf, toPaymentView, type PaymentRecord } from '../payments/payment-record';
import { type CardChargePort } from '../payments/ports';

/**
 * The top-up body: a card problem is PAY_001 naming the field (as for payments), anything else
 * VALIDATION_ERROR.
 */
export function parseTopUp(body: unknown) {
  const result = WalletTopUpRequestSchema.safeParse(body ?? {});
  const card = result.error?.issues.find((i) => i.path[0] === 'paymentMethod');
  if (card) throw PaymentErrors.invalidMethod(card.path.join('.'), card.message);
  return parseInput(WalletTopUpRequestSchema, body);
}

/**
 * A wallet top-up: a card payment of its own (no order) charged through the gateway. It answers
 * `processing`; the wallet is credited when the gateway confirms the charge (WalletPort.completeTopUp).
 */
export async function topUpWallet(
  user: { tenantId: string; userId: string },
  body: ReturnType<typeof parseTopUp>,
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
