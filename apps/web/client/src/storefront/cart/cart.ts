import type { CartResponse } from '@platform/contracts';

/** A quantity typed for a cart line: a whole number from 1 up to what is in stock, or why not. */
export function parseQuantity(text: string, available: number): { quantity: number } | { problem: string } {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isInteger(n) || n < 1) return { problem: 'Enter a whole number of 1 or more.' };
  if (available >= 0 && n > available)
    return { problem: available === 0 ? 'This item is sold out.' : `Only ${available} in stock.` };
  return { quantity: n };
}

/** The cart's total as the lines add up (the service's subtotal, checked against its lines, in cents). */
export function cartTotal(cart: Pick<CartResponse, 'lines'>): number {
  const cents = cart.lines.reduce((sum, l) => sum + Math.round(l.unit_price * 100) * l.quantity, 0);
  return cents / 100;
}

/** "3 items" / "1 item": the count of units in the cart. */
export function unitsText(count: number): string {
  return `${count} ${count === 1 ? 'item' : 'items'}`;
}
