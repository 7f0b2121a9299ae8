import { type CardPaymentMethod } from '@platform/contracts';
import { outgoingTraceparent } from '@platform/service-kit';
import { callbackUrlOf } from '../config';
import { PaymentErrors } from '../errors';
import { gatewayFailureOf } from '../gateway/gateway.client';
import { type PaymentRecord } from './payment-record';
import { type PaymentDeps } from './payment-deps';
import { type CardChargePort } from './ports';

/** The card's network, from its first digits (kept with the last four; never the number). */
export function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  return 'card';
}

export const cardSummary = (card: CardPaymentMethod) => ({
  method_type: 'credit_card' as const,
  brand: brandOf(card.cardNumber),
  last4: card.cardNumber.slice(-4),
});

const traceOf = (): { traceparent?: string } => {
  const traceparent = outgoingTraceparent();
  return traceparent ? { traceparent } : {};
};

/**
 * Sends a recorded `processing` payment to the gateway (idempotency key: the payment id, so asking
 * again never charges twice) and keeps what it answers: the charge id and the card's token. A timeout
 * leaves it `processing` for the reconciler. A refusal before anything was charged (5xx, breaker open,
 * connection refused) fails it with no event and frees its order: SERVICE_UNAVAILABLE. A card the
 * gateway refuses (402) is PAY_001.
 */
export async function submitCharge(
  p: PaymentRecord,
  card: CardPaymentMethod,
  deps: PaymentDeps,
  idempotencyKey?: string,
): Promise<PaymentRecord> {
  try {
    const charge = await deps.gateway.charge({
      amount: p.amount,
      currency: p.currency,
      card,
      idempotencyKey: p.id,
      callbackUrl: callbackUrlOf(deps.config),
      // the gateway sends its metadata back with the callback: the settlement continues this trace
      metadata: { payment_id: p.id, ...traceOf() },
    });
    const fields = {
      charge_id: charge.charge_id,
      ...(charge.token ? { gateway_token: charge.token } : {}),
      ...(charge.card?.brand ? { brand: charge.card.brand } : {}),
    };
    await deps.payments.recordCharge(p.id, fields);
    return { ...p, ...fields };
  } catch (err) {
    const failure = gatewayFailureOf(err);
    if (failure === 'unknown') {
      deps.logger.warn('card charge unanswered: left processing for the reconciler', { payment_id: p.id });
      return p;
    }
    const refused = failure === 'refused';
    await deps.payments.failQuietly(
      p,
      {
        errorCode: refused ? 'CARD_INVALID' : 'GATEWAY_UNAVAILABLE',
        reason: refused
          ? 'The card was refused. Check its details or use another card.'
          : 'The payment gateway is unavailable; nothing was charged. Please try again later.',
        at: deps.now(),
      },
      idempotencyKey,
    );
    deps.metrics.processed('failed', p.method_type);
    if (refused) throw PaymentErrors.invalidMethod('paymentMethod', 'the card was refused by the gateway');
    throw PaymentErrors.gatewayUnavailable();
  }
}

/** The port the wallet's top-ups charge cards through: the payment recorded beside `extraKeys`, then sent. */
export function cardChargePort(deps: PaymentDeps): CardChargePort {
  return {
    async charge(payment, card, extraKeys) {
      const p = { ...payment, ...cardSummary(card), status: 'processing' as const };
      await deps.payments.createWithoutOrder(
        p,
        deps.now().getTime() + deps.config.RECONCILE_AFTER_MS,
        extraKeys,
      );
      return submitCharge(p, card, deps);
    },
  };
}
