import { randomUUID } from 'node:crypto';
import { type AuthResponse } from '@platform/contracts';
import { type ServiceName } from '@platform/devstack';
import { seedShops as seedTestShops, shopAccounts, type SeededBuyer } from '@platform/devstack/testing';
import { json } from '../http';

export { approvedCard as card } from '@platform/devstack/testing';

export type Buyer = SeededBuyer;

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
 * Shops made through the public APIs (devstack's seedShops): `items` items (stock enough for any soak),
 * `buyers` viewers with 30,000 in their wallets (~1,500 wallet orders, beyond ten minutes at 200/s),
 * and per shop an API key and an EventFlow producer.
 */
export async function seedShops(
  url: (name: ServiceName) => string,
  opts: { shops: number; buyers: number; items: number },
): Promise<Shop[]> {
  const seeded = await seedTestShops(url, {
    ...opts,
    item: () => ({
      title: `Soak game ${randomUUID().slice(0, 6)}`,
      category: 'soak',
      price: 19.99,
      stock: 1e9,
    }),
    topUps: 3,
    creditTimeoutMs: 60_000,
  });
  const accounts = shopAccounts(url('user-service'));
  const shops: Shop[] = [];
  for (const s of seeded) {
    const apiKey = await accounts.apiKey(s.admin, ['read', 'write']);
    const { api_key: producerKey } = await json<{ api_key: string }>(
      `${url('data-pipeline')}/api/v1/producers`,
      { method: 'POST', token: s.token, body: { name: 'soak', description: 'bench/soak' } },
    );
    shops.push({ tenantId: s.tenantId, itemIds: s.itemIds, buyers: s.buyers, apiKey, producerKey });
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
