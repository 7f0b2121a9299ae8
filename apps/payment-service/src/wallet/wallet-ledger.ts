import { randomUUID } from 'node:crypto';
import { type WalletResponse } from '@platform/contracts';
import { decimalOf } from '../payments/payment-record';

export type LedgerEntryType = 'top_up' | 'payment' | 'refund';

/** One ledger entry as stored (JSON in the wallet's ledger list), money in signed integer cents. */
export interface LedgerEntry {
  id: string;
  type: LedgerEntryType;
  /** Signed: a payment is negative. The balance is the sum of every entry's amount. */
  amount: number;
  balance_after: number;
  payment_id: string;
  refund_id?: string;
  created_at: string;
}

/** An entry before the store adds `balance_after` (known only inside the atomic script). */
export type NewLedgerEntry = Omit<LedgerEntry, 'balance_after'>;

export const newLedgerEntry = (
  type: LedgerEntryType,
  amount: number,
  paymentId: string,
  at: Date,
  refundId?: string,
): NewLedgerEntry => ({
  id: `wtx_${randomUUID()}`,
  type,
  amount,
  payment_id: paymentId,
  ...(refundId ? { refund_id: refundId } : {}),
  created_at: at.toISOString(),
});

/** A wallet as the store reads it: balance and the newest entries first. */
export interface WalletSnapshot {
  balance: number;
  entries: LedgerEntry[];
}

/** The wallet at the API (money as decimals). */
export const toWalletView = (
  userId: string,
  currency: string,
  { balance, entries }: WalletSnapshot,
): WalletResponse => ({
  userId,
  currency,
  balance: decimalOf(balance),
  transactions: entries.map((e) => ({
    id: e.id,
    type: e.type,
    amount: decimalOf(e.amount),
    balanceAfter: decimalOf(e.balance_after),
    paymentId: e.payment_id,
    createdAt: e.created_at,
  })),
});
