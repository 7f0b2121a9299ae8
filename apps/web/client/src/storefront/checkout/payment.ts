import type { PaymentResponse } from '@platform/contracts';

/** The payment-gateway simulator's test cards (libs/devstack/src/simulators/payment-gateway/test-cards.ts). */
export const TEST_CARDS = { success: '4242 4242 4242 4242', decline: '4000 0000 0000 9995' } as const;

export interface CardMethod {
  type: 'credit_card';
  cardNumber: string;
  expiryMonth: string;
  expiryYear: string;
  cvv: string;
}

/** Card fields as typed (spaces in the number, "MM/YY" or "MM/YYYY") → the API's card method, or what is wrong. */
export function cardMethod(
  number: string,
  expiry: string,
  cvc: string,
  now = new Date(),
): { method: CardMethod } | { problem: string } {
  const cardNumber = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(cardNumber)) return { problem: 'Enter the card number (12 to 19 digits).' };
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  const month = m ? Number(m[1]) : 0;
  if (!m || month < 1 || month > 12) return { problem: 'Enter the expiry as MM/YY, e.g. 12/30.' };
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1)
    return { problem: 'This card has expired.' };
  if (!/^\d{3,4}$/.test(cvc.trim())) return { problem: 'Enter the 3 or 4 digit security code (CVC).' };
  return {
    method: {
      type: 'credit_card',
      cardNumber,
      expiryMonth: String(month).padStart(2, '0'),
      expiryYear: String(year),
      cvv: cvc.trim(),
    },
  };
}

const BY_CODE: Record<string, string> = {
  INSUFFICIENT_FUNDS: 'insufficient funds',
  EXPIRED_CARD: 'the card has expired',
  CARD_DECLINED: 'the bank refused the payment',
};

/** Why a payment failed, as a buyer reads it: "Your card was declined: insufficient funds. …". */
export function declineText(
  payment: Pick<PaymentResponse, 'failureReason' | 'errorCode' | 'paymentMethod'>,
): string {
  const code = payment.errorCode?.toUpperCase() ?? '';
  const why =
    BY_CODE[code] ?? (code ? code.toLowerCase().replace(/_/g, ' ') : 'the payment was not accepted');
  const lead =
    payment.paymentMethod.type === 'credit_card'
      ? `Your card was declined: ${why}.`
      : `Your payment failed: ${why}.`;
  // the service's own sentence says it was declined, then what to do: keep only the advice
  const advice = (payment.failureReason ?? '')
    .split(/(?<=\.)\s+/)
    .filter((s) => s && !/declined|failed/i.test(s))
    .join(' ');
  return advice ? `${lead} ${advice}` : lead;
}
