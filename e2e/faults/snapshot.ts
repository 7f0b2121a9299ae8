import { type OrderResponse, type PaymentResponse, type WalletResponse } from '@platform/contracts';
import { read } from './http';
import { type Buyer } from './seed';
import { type FaultStack } from './stack';

/** One buyer's orders, payments and wallet as the services show them now. */
export interface BuyerState {
  buyer: Buyer;
  orders: OrderResponse[];
  payments: PaymentResponse[];
  wallet: WalletResponse;
}

async function pages<T>(url: (offset: number) => string, token: string, key: 'orders' | 'payments') {
  const all: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await read<Record<string, T[]> & { total: number }>(url(offset), token);
    all.push(...page[key]);
    if (!page[key].length || all.length >= page.total) return all;
  }
}

/** Reads every buyer's state through the public APIs (each buyer with their own token). */
export async function snapshot(stack: FaultStack, buyers: Buyer[]): Promise<BuyerState[]> {
  const states: BuyerState[] = [];
  for (const buyer of buyers) {
    const orders = await pages<OrderResponse>(
      (o) => `${stack.url('order-service')}/api/orders/user/${buyer.userId}?limit=100&offset=${o}`,
      buyer.token,
      'orders',
    );
    const payments = await pages<PaymentResponse>(
      (o) => `${stack.url('payment-service')}/api/payments/user/${buyer.userId}?limit=100&offset=${o}`,
      buyer.token,
      'payments',
    );
    const wallet = await read<WalletResponse>(
      `${stack.url('payment-service')}/api/wallet?limit=100`,
      buyer.token,
    );
    states.push({ buyer, orders, payments, wallet });
  }
  return states;
}

export const FINAL = new Set(['confirmed', 'fulfilled', 'failed', 'expired', 'cancelled']);
