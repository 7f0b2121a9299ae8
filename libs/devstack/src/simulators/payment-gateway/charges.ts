import { randomUUID } from 'node:crypto';
import { brandOf, luhnValid, outcomeOf, type CardOutcome } from './test-cards';

/** The gateway's charges and refunds in memory, and the cards behind its tokens (never the cvc). */
export interface Charge {
  charge_id: string;
  status: 'processing' | 'succeeded' | 'failed';
  amount: number;
  currency: string;
  card: { brand: string; last4: string };
  token: string;
  failure_code?: 'insufficient_funds' | 'stolen_card';
  refunded_amount: number;
  refunds: Refund[];
  metadata?: unknown;
  callback_url?: string;
  created_at: string;
}

export interface Refund {
  refund_id: string;
  charge_id: string;
  amount: number;
  status: 'processing' | 'succeeded';
  metadata?: unknown;
  created_at: string;
}

export interface CardInput {
  number?: unknown;
  exp_month?: unknown;
  exp_year?: unknown;
  cvc?: unknown;
}

export class ChargeBook {
  readonly charges = new Map<string, Charge>();
  readonly byKey = new Map<string, string>();
  readonly refundsByKey = new Map<string, Refund>();
  /** Idempotency keys whose first request is still being answered (a slow card). */
  readonly inFlight = new Set<string>();
  private readonly tokens = new Map<string, { number: string; brand: string; last4: string }>();

  /** The card a request names (by number or by token), or why it is refused. */
  resolveCard(
    card: CardInput | undefined,
    token: unknown,
  ): { token: string; brand: string; last4: string; outcome: CardOutcome } | { invalid: string } {
    if (typeof token === 'string') {
      const known = this.tokens.get(token);
      return known ? { token, ...known, outcome: outcomeOf(known.number) } : { invalid: 'unknown token' };
    }
    const number = typeof card?.number === 'string' ? card.number.replace(/\s/g, '') : '';
    if (!luhnValid(number)) return { invalid: 'card number is not valid' };
    const month = Number(card?.exp_month);
    const year = Number(card?.exp_year);
    if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year))
      return { invalid: 'expiry is not valid' };
    const now = new Date();
    if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1))
      return { invalid: 'card has expired' };
    if (typeof card?.cvc !== 'string' || !/^\d{3,4}$/.test(card.cvc)) return { invalid: 'cvc is not valid' };
    const stored = { number, brand: brandOf(number), last4: number.slice(-4) };
    const newToken = `tok_${randomUUID()}`;
    this.tokens.set(newToken, stored);
    return { token: newToken, ...stored, outcome: outcomeOf(number) };
  }

  add(charge: Charge, idempotencyKey: string): void {
    this.charges.set(charge.charge_id, charge);
    this.byKey.set(idempotencyKey, charge.charge_id);
  }

  byIdempotencyKey(key: string): Charge | undefined {
    const id = this.byKey.get(key);
    return id ? this.charges.get(id) : undefined;
  }

  clear(): void {
    this.charges.clear();
    this.byKey.clear();
    this.refundsByKey.clear();
    this.inFlight.clear();
    this.tokens.clear();
  }
}

/** The charge as the API shows it: the card's brand and last four digits only. */
export const view = (c: Charge) => {
  const { callback_url: _url, ...shown } = c;
  return shown;
};
