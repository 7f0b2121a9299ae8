/**
 * The payment-gateway simulator's test cards, like a real provider's test mode (Stripe's numbers where
 * it has one): the number alone decides the outcome. Any other Luhn-valid number is approved.
 */
export type CardOutcome = 'approved' | 'insufficient_funds' | 'stolen_card' | 'processing_error' | 'slow';

export const TEST_CARDS: Record<string, CardOutcome> = {
  '4242424242424242': 'approved',
  '5555555555554444': 'approved',
  '4000000000009995': 'insufficient_funds',
  '4000000000009979': 'stolen_card',
  // the charge request itself fails (502): nothing is charged
  '4000000000000119': 'processing_error',
  // the charge request answers only after the simulator's slow delay (longer than a client's timeout)
  '4000000000001216': 'slow',
};

export const outcomeOf = (number: string): CardOutcome => TEST_CARDS[number] ?? 'approved';

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  return 'unknown';
}
