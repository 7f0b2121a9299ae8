import { randomUUID } from 'node:crypto';
import { type ItemResponse } from '@platform/contracts';
import request from 'supertest';
import { bearer, type OrderService } from './harness';

/** A valid create body (seed 002 §9 category and tags), unique title. */
export const newItemBody = (extra: Record<string, unknown> = {}) => ({
  title: `Lamp ${randomUUID().slice(0, 8)}`,
  description: 'A desk lamp with a warm light',
  category: 'home-office',
  tags: ['light', 'desk'],
  price: 19.99,
  currency: 'USD',
  stock: 10,
  ...extra,
});

/** POST /api/items as `token`; the created item. */
export async function createItemAs(svc: OrderService, token: string, extra: Record<string, unknown> = {}) {
  const res = await request(svc.app)
    .post('/api/items')
    .set(bearer(token))
    .send(newItemBody(extra))
    .expect(201);
  return res.body as ItemResponse;
}
