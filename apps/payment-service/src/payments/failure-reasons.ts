/**
 * What a buyer is told when the gateway declines a card: an `error_code` and a sentence they can act on.
 * Declines that hint at fraud (a stolen or lost card) are reported as a plain CARD_DECLINED: the
 * buyer is never told why the bank refused, as card networks require.
 */
const NEUTRAL = new Set(['stolen_card', 'lost_card', 'fraudulent', 'pickup_card', 'restricted_card']);

const REASONS: Record<string, string> = {
  INSUFFICIENT_FUNDS:
    'Your card was declined for insufficient funds. Use another card or pay from your wallet.',
  CARD_DECLINED: 'Your card was declined. Use another card or contact your bank.',
  EXPIRED_CARD: 'Your card has expired. Use another card.',
  PAYMENT_NOT_RECEIVED:
    'The payment did not reach the card network and nothing was charged. Please pay again.',
};

export function failureOf(failureCode: string | undefined): { errorCode: string; reason: string } {
  const code = (failureCode ?? 'card_declined').toLowerCase();
  const errorCode = NEUTRAL.has(code) ? 'CARD_DECLINED' : code.toUpperCase();
  return {
    errorCode,
    reason: REASONS[errorCode] ?? 'The payment was declined. Use another card or try again later.',
  };
}
