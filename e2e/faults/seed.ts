import { randomUUID } from 'node:crypto';
import { type AuthResponse } from '@platform/contracts';
import { seedShops as seedTestShops, shopAccounts } from '@platform/devstack/testing';
import { type FaultStack } from './stack';

export { approvedCard as card } from '@platform/devstack/testing';

/** Someone signed in; `token` is replaced in place when the keeper signs in again (sign-in.ts). */
export interface Account {
  email: string;
  password: string;
  token: string;
}

export interface Buyer extends Account {
  userId: string;
}

export interface Shop extends Account {
  tenantId: string;
  admin: AuthResponse;
  /** The shop's items and the stock each was created with. */
  items: { id: string; initialStock: number }[];
  buyers: Buyer[];
}

const INITIAL_STOCK = 100_000;

/**
 * Shops made through the public APIs before the stream (devstack's seedShops): a few items of plenty
 * of stock at different prices, and buyers with one top-up in their wallets, so that wallet payments
 * have money from the start; an API key of the first shop for the data flows.
 */
export async function seedShops(stack: FaultStack, opts = { shops: 2, buyers: 3, items: 3 }) {
  const seeded = await seedTestShops((name) => stack.url(name), {
    ...opts,
    item: (i) => ({
      title: `Fault game ${randomUUID().slice(0, 6)}`,
      category: 'games',
      price: 5 + 3.25 * i,
      stock: INITIAL_STOCK,
    }),
    topUps: 1,
  });
  const shops: Shop[] = seeded.map((s) => ({
    tenantId: s.tenantId,
    admin: s.admin,
    email: s.admin.user.email,
    password: s.password,
    token: s.token,
    items: s.itemIds.map((id) => ({ id, initialStock: INITIAL_STOCK })),
    buyers: s.buyers.map(({ userId, email, password, token }) => ({ userId, email, password, token })),
  }));
  const apiKey = await shopAccounts(stack.url('user-service')).apiKey(shops[0].admin, ['read', 'write']);
  return { shops, apiKey };
}
