import { randomUUID } from 'node:crypto';
import { type AuthResponse } from '@platform/contracts';
import { type ServiceName } from '@platform/devstack';
import { eventually, shopAccounts } from '@platform/devstack/testing';
import { json } from '../http';

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
  password: string;
  token: string;
}

export interface Shop {
  tenantId: string;
  itemIds: string[];
  buyers: Buyer[];
  /** sk_… with read and write: data-pipeline's interactions, ml-engine's recommendations. */
  apiKey: string;
  /** evp_…: EventFlow's producer key. */
  producerKey: string;
}

/**
 * Shops made through the public APIs: each a tenant with its admin, `items` items (stock enough for any
 * soak), an API key, an EventFlow producer and `buyers` viewers whose wallets were topped up by card
 * (through the gateway simulator's callback), so that wallet payments succeed for the whole run.
 */
export async function seedShops(
  url: (name: ServiceName) => string,
  opts: { shops: number; buyers: number; items: number },
): Promise<Shop[]> {
  const accounts = shopAccounts(url('user-service'));
  const shops: Shop[] = [];
  for (let s = 0; s < opts.shops; s++) {
    const shop = await accounts.newShop();
    const itemIds: string[] = [];
    for (let i = 0; i < opts.items; i++) {
      const item = await json<{ item_id: string }>(`${url('order-service')}/api/items`, {
        method: 'POST',
        token: shop.token,
        body: { title: `Soak game ${randomUUID().slice(0, 6)}`, category: 'soak', price: 19.99, stock: 1e9 },
      });
      itemIds.push(item.item_id);
    }
    const apiKey = await accounts.apiKey(shop.admin, ['read', 'write']);
    const { api_key: producerKey } = await json<{ api_key: string }>(
      `${url('data-pipeline')}/api/v1/producers`,
      { method: 'POST', token: shop.token, body: { name: 'soak', description: 'bench/soak' } },
    );
    const buyers: Buyer[] = [];
    for (let b = 0; b < opts.buyers; b++) {
      const m = await accounts.addMember(shop.admin, 'viewer');
      buyers.push({ userId: m.userId, email: m.email, password: m.password, token: m.token });
      // 10,000 is the most one top-up takes: 30,000 pays ~1,500 wallet orders, beyond ten minutes at 200/s
      for (let t = 0; t < 3; t++)
        await json(`${url('payment-service')}/api/wallet/top-up`, {
          method: 'POST',
          token: m.token,
          body: { amount: 10_000, currency: 'USD', paymentMethod: card },
        });
    }
    for (const b of buyers)
      await eventually(
        async () =>
          (await json<{ balance: number }>(`${url('payment-service')}/api/wallet`, { token: b.token }))
            .balance >= 30_000,
        { what: `the wallet of ${b.email} to be credited`, timeoutMs: 60_000, intervalMs: 200 },
      );
    shops.push({ tenantId: shop.tenantId, itemIds, buyers, apiKey, producerKey });
  }
  return shops;
}

/** New access tokens for every buyer (they live 15 minutes; a soak may last longer). */
export async function relogin(usersUrl: string, shops: Shop[]) {
  for (const b of shops.flatMap((s) => s.buyers)) {
    const res = await json<AuthResponse>(`${usersUrl}/api/v1/auth/login`, {
      method: 'POST',
      body: { email: b.email, password: b.password },
    });
    b.token = res.access_token;
  }
}
