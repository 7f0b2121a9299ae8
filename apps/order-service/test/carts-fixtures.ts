import { randomUUID } from 'node:crypto';
import { type CartResponse, type WishlistResponse } from '@platform/contracts';
import request from 'supertest';
import { type OrderService } from './harness';

/** An item of the shop, written straight into the `items` collection (no catalog route involved). */
export async function newItem(
  svc: OrderService,
  tenantId: string,
  { price = 12.5, stock = 10 }: { price?: number; stock?: number } = {},
): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await svc.db.collection('items').insertOne({
    _id: id as never,
    tenant_id: tenantId,
    title: `Game ${id.slice(0, 6)}`,
    description: '',
    category: 'games',
    tags: [],
    price_cents: Math.round(price * 100),
    currency: 'EUR',
    stock,
    owner_id: randomUUID(),
    deleted_at: null,
    created_at: now,
    updated_at: now,
  });
  return id;
}

export const setStock = (svc: OrderService, itemId: string, stock: number) =>
  svc.db.collection('items').updateOne({ _id: itemId as never }, { $set: { stock } });

export const deleteItem = (svc: OrderService, itemId: string) =>
  svc.db.collection('items').updateOne({ _id: itemId as never }, { $set: { deleted_at: new Date() } });

type Headers = Record<string, string>;

export const cartOf = async (svc: OrderService, headers: Headers) => {
  const res = await request(svc.app).get('/api/cart').set(headers).expect(200);
  return res.body as CartResponse;
};

export const wishlistOf = async (svc: OrderService, headers: Headers) => {
  const res = await request(svc.app).get('/api/wishlist').set(headers).expect(200);
  return res.body as WishlistResponse;
};

/** item id → quantity, for comparing carts. */
export const quantities = (cart: CartResponse) =>
  Object.fromEntries(cart.lines.map((l) => [l.item_id, l.quantity]));

export const addToCart = (svc: OrderService, headers: Headers, item_id: string, quantity = 1) =>
  request(svc.app).post('/api/cart/items').set(headers).send({ item_id, quantity });

export const addToWishlist = (svc: OrderService, headers: Headers, item_id: string) =>
  request(svc.app).post('/api/wishlist/items').set(headers).send({ item_id });
