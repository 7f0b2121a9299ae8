import { type PaymentMethodSummary } from '@platform/contracts';

/** Integer cents from an event's decimal amount (the events carry seed 001's decimals). */
export const toCents = (amount: number): number => Math.round(amount * 100);

const formats = new Map<string, Intl.NumberFormat>();

/** `1999, 'EUR'` → `€19.99`: the currency's own symbol and decimals (one formatter per currency). */
export function formatMoney(cents: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format.format(cents / 100);
}

/** How the buyer paid, as the mail names it: `Visa ending in 4242`, `your card`, `your wallet`. */
export function describePayment(method: PaymentMethodSummary | undefined): string {
  if (!method) return 'your original payment method';
  if (method.type === 'wallet') return 'your wallet';
  const brand = method.brand ? method.brand.charAt(0).toUpperCase() + method.brand.slice(1) : 'Card';
  return method.last4 ? `${brand} ending in ${method.last4}` : method.brand ? brand : 'your card';
}
