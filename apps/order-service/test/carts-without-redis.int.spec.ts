import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { addToCart, addToWishlist, cartOf, newItem, quantities, wishlistOf } from './carts-fixtures';
import { freePort } from '@platform/devstack';
import { bearer, guest, startOrderService, type OrderService } from './harness';

/** The cache never blocks a request: with Redis unreachable, carts and migrations work from FerretDB. */
describe('carts and wishlists without Redis', () => {
  let svc: OrderService;
  beforeAll(async () => {
    // a port nothing listens on: every Redis command fails at once
    svc = await startOrderService({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
  });
  afterAll(() => svc?.stop());

  it('serves, changes and migrates carts and wishlists', async () => {
    const shop = await svc.newShop();
    const a = await newItem(svc, shop.tenantId, { stock: 5 });
    const s = `s_${randomBytes(8).toString('hex')}`;
    const g = guest(shop.tenantId, s);
    await addToCart(svc, g, a, 2).expect(200);
    expect(quantities(await cartOf(svc, g))).toEqual({ [a]: 2 });
    await addToCart(svc, g, a, 1).expect(200);
    expect(quantities(await cartOf(svc, g))).toEqual({ [a]: 3 });
    await addToWishlist(svc, g, a).expect(201);
    expect((await wishlistOf(svc, g)).items).toHaveLength(1);

    const member = await svc.addMember(shop.admin, 'viewer');
    const res = await request(svc.app)
      .post('/api/cart/migrate')
      .set(bearer(member.token))
      .send({ session_id: s })
      .expect(200);
    expect(res.body.cart.added).toEqual([{ item_id: a, quantity: 3, capped: false }]);
    expect(quantities(await cartOf(svc, bearer(member.token)))).toEqual({ [a]: 3 });
    expect((await cartOf(svc, g)).lines).toEqual([]);
  });
});
