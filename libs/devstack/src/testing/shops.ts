import { type AuthResponse } from '@platform/contracts';
import { type ServiceName } from '../services';
import { eventually } from './eventually';
import { shopAccounts } from './service-processes';

/** A card payment the gateway simulator approves (its 4242… test card), valid until next year. */
export const approvedCard = {
  type: 'credit_card',
  cardNumber: '4242424242424242',
  expiryMonth: '12',
  expiryYear: String(new Date().getUTCFullYear() + 1),
  cvv: '123',
};

/** The most one wallet top-up takes. */
export const MAX_TOP_UP = 10_000;

/** A body of `POST /api/items` (order-service). */
export interface NewItem {
  title: string;
  category: string;
  price: number;
  stock: number;
}

export interface SeededBuyer {
  userId: string;
  email: string;
  password: string;
  token: string;
}

export interface SeededShop {
  tenantId: string;
  admin: AuthResponse;
  /** The admin's password (to sign in again once the access token expires). */
  password: string;
  /** The admin's access token. */
  token: string;
  itemIds: string[];
  buyers: SeededBuyer[];
}

export interface ShopSeed {
  shops: number;
  buyers: number;
  items: number;
  /** The body of each shop's item number `index`. */
  item: (index: number) => NewItem;
  /** Card top-ups of MAX_TOP_UP each into every buyer's wallet. */
  topUps: number;
  /** How long the gateway's callbacks may take to credit a wallet (default 30 s). */
  creditTimeoutMs?: number;
}

/**
 * Shops made through the services' public APIs: each a tenant with its admin, items, and viewers whose
 * wallets were topped up by card (the gateway simulator's callback credits them), so that wallet
 * payments have money from the start. Every answer but the expected one is an error naming it.
 */
export async function seedShops(url: (name: ServiceName) => string, seed: ShopSeed): Promise<SeededShop[]> {
  const accounts = shopAccounts(url('user-service'));
  const shops: SeededShop[] = [];
  for (let s = 0; s < seed.shops; s++) {
    const shop = await accounts.newShop();
    const itemIds: string[] = [];
    for (let i = 0; i < seed.items; i++) {
      const item = await callJson<{ item_id: string }>(
        `${url('order-service')}/api/items`,
        shop.token,
        seed.item(i),
      );
      itemIds.push(item.item_id);
    }
    const buyers: SeededBuyer[] = [];
    for (let b = 0; b < seed.buyers; b++) {
      const m = await accounts.addMember(shop.admin, 'viewer');
      buyers.push({ userId: m.userId, email: m.email, password: m.password, token: m.token });
      for (let t = 0; t < seed.topUps; t++)
        await callJson(`${url('payment-service')}/api/wallet/top-up`, m.token, {
          amount: MAX_TOP_UP,
          currency: 'USD',
          paymentMethod: approvedCard,
        });
    }
    const credited = seed.topUps * MAX_TOP_UP;
    for (const b of buyers)
      await eventually(
        async () =>
          (await callJson<{ balance: number }>(`${url('payment-service')}/api/wallet`, b.token)).balance >=
          credited,
        {
          what: `the wallet of ${b.email} to be credited`,
          timeoutMs: seed.creditTimeoutMs ?? 30_000,
          intervalMs: 200,
        },
      );
    shops.push({
      tenantId: shop.tenantId,
      admin: shop.admin,
      password: shop.password,
      token: shop.token,
      itemIds,
      buyers,
    });
  }
  return shops;
}

/** GET (no body) or POST (a JSON body) as `token`: the answer's JSON, or an Error naming the answer. */
async function callJson<T = unknown>(url: string, token: string, body?: unknown): Promise<T> {
  const method = body === undefined ? 'GET' : 'POST';
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
