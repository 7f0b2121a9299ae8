import { randomUUID } from 'node:crypto';
import { type AuthResponse } from '@platform/contracts';
import { eventually, shopAccounts } from '@platform/devstack/testing';
import { read, send } from './http';
import { type FaultStack } from './stack';

export const card = {
  type: 'credit_card',
  cardNumber: '4242424242424242',
  expiryMonth: '12',
  expiryYear: String(new Date().getUTCFullYear() + 1),
  cvv: '123',
};

export interface Buyer {
  userId: string;
  email: string;
  token: string;
}

export interface Shop {
  tenantId: string;
  admin: AuthResponse;
  token: string;
  /** The shop's items and the stock each was created with. */
  items: { id: string; initialStock: number }[];
  buyers: Buyer[];
}

const INITIAL_STOCK = 100_000;
/** What each seeded buyer's wallet starts with (the most one top-up takes). */
export const SEED_TOP_UP = 10_000;

/**
 * Shops made through the public APIs before the stream: each a tenant with its admin, a few items of
 * plenty of stock at different prices, and buyers whose wallets a card top-up filled (the gateway's
 * callback credited them), so that wallet payments have money from the start.
 */
export async function seedShops(stack: FaultStack, opts = { shops: 2, buyers: 3, items: 3 }) {
  const accounts = shopAccounts(stack.url('user-service'));
  const shops: Shop[] = [];
  for (let s = 0; s < opts.shops; s++) {
    const shop = await accounts.newShop();
    const items: Shop['items'] = [];
    for (let i = 0; i < opts.items; i++) {
      const res = await send<{ item_id: string }>(`${stack.url('order-service')}/api/items`, {
        token: shop.token,
        body: {
          title: `Fault game ${randomUUID().slice(0, 6)}`,
          category: 'games',
          price: 5 + 3.25 * i,
          stock: INITIAL_STOCK,
        },
      });
      if (res.status !== 201) throw new Error(`POST /api/items: ${res.status} ${JSON.stringify(res.body)}`);
      items.push({ id: res.body.item_id, initialStock: INITIAL_STOCK });
    }
    const buyers: Buyer[] = [];
    for (let b = 0; b < opts.buyers; b++) {
      const m = await accounts.addMember(shop.admin, 'viewer');
      buyers.push({ userId: m.userId, email: m.email, token: m.token });
      const res = await send(`${stack.url('payment-service')}/api/wallet/top-up`, {
        token: m.token,
        body: { amount: SEED_TOP_UP, currency: 'USD', paymentMethod: card },
      });
      if (res.status !== 201) throw new Error(`top-up: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const b of buyers)
      await eventually(
        async () =>
          (await read<{ balance: number }>(`${stack.url('payment-service')}/api/wallet`, b.token)).balance >=
          SEED_TOP_UP,
        { what: `the wallet of ${b.email} to be credited`, timeoutMs: 30_000, intervalMs: 200 },
      );
    shops.push({ tenantId: shop.tenantId, admin: shop.admin, token: shop.token, items, buyers });
  }
  return { shops, apiKey: await accounts.apiKey(shops[0].admin, ['read', 'write']) };
}
