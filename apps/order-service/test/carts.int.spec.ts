import { randomBytes } from 'node:crypto';
import { CartResponseSchema } from '@platform/contracts';
import request from 'supertest';
import { addToCart, cartOf, deleteItem, newItem, quantities } from './carts-fixtures';
import { bearer, guest, startOrderService, type OrderService } from './harness';

const session = () => `s_${randomBytes(8).toString('hex')}`;

describe('carts (seed 003): guest or signed-in user', () => {
  let svc: OrderService;
  let shop: Awaited<ReturnType<OrderService['newShop']>>;
  let other: Awaited<ReturnType<OrderService['newShop']>>;
  const api = () => request(svc.app);

  beforeAll(async () => {
    svc = await startOrderService();
    shop = await svc.newShop();
    other = await svc.newShop();
  });
  afterAll(() => svc?.stop());

  it('adds, sums, changes, removes and clears lines; answers the contract shape with prices in decimals', async () => {
    const a = await newItem(svc, shop.tenantId, { price: 12.5, stock: 10 });
    const b = await newItem(svc, shop.tenantId, { price: 0.99, stock: 3 });
    const g = guest(shop.tenantId, session());
    expect(await cartOf(svc, g)).toEqual({
      lines: [],
      item_count: 0,
      subtotal: 0,
      currency: null,
      updated_at: null,
    });

    await addToCart(svc, g, a, 2).expect(200);
    const res = await addToCart(svc, g, a, 1).expect(200);
    const cart = CartResponseSchema.parse(res.body);
    expect(cart.lines).toEqual([
      expect.objectContaining({
        item_id: a,
        quantity: 3,
        unit_price: 12.5,
        line_total: 37.5,
        currency: 'EUR',
        available_stock: 10,
      }),
    ]);
    await addToCart(svc, g, b, 3).expect(200);
    expect((await cartOf(svc, g)).subtotal).toBe(40.47);

    const put = await api().put(`/api/cart/items/${a}`).set(g).send({ quantity: 1 }).expect(200);
    expect(quantities(put.body)).toEqual({ [a]: 1, [b]: 3 });
    const del = await api().delete(`/api/cart/items/${b}`).set(g).expect(200);
    expect(quantities(del.body)).toEqual({ [a]: 1 });
    await api().delete('/api/cart').set(g).expect(204);
    expect((await cartOf(svc, g)).lines).toEqual([]);
  });

  it('refuses more than the stock with 409 and the stock in details, adding or setting', async () => {
    const a = await newItem(svc, shop.tenantId, { stock: 4 });
    const g = guest(shop.tenantId, session());
    const over = await addToCart(svc, g, a, 5).expect(409);
    expect(over.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: { item_id: a, available: 4 } });
    await addToCart(svc, g, a, 3).expect(200);
    const sum = await addToCart(svc, g, a, 2).expect(409);
    expect(sum.body.error.details.available).toBe(4);
    const put = await api().put(`/api/cart/items/${a}`).set(g).send({ quantity: 5 }).expect(409);
    expect(put.body.error.details.available).toBe(4);
    expect(quantities(await cartOf(svc, g))).toEqual({ [a]: 3 });
  });

  it('answers 404 for unknown, deleted or foreign items and absent lines; 400 for invalid input', async () => {
    const a = await newItem(svc, shop.tenantId);
    const foreign = await newItem(svc, other.tenantId);
    const gone = await newItem(svc, shop.tenantId);
    await deleteItem(svc, gone);
    const g = guest(shop.tenantId, session());
    for (const id of ['no-such-item', foreign, gone])
      expect((await addToCart(svc, g, id).expect(404)).body.error.code).toBe('NOT_FOUND');
    await api().put(`/api/cart/items/${a}`).set(g).send({ quantity: 1 }).expect(404);
    await api().delete(`/api/cart/items/${a}`).set(g).expect(404);
    await api().put(`/api/cart/items/${foreign}`).set(g).send({ quantity: 1 }).expect(404);

    for (const body of [
      { item_id: a, quantity: 0 },
      { item_id: a, quantity: 1.5 },
      { quantity: 1 },
      { item_id: 'a b' },
    ])
      expect((await api().post('/api/cart/items').set(g).send(body).expect(400)).body.error.code).toBe(
        'VALIDATION_ERROR',
      );
    await api().put(`/api/cart/items/${a}`).set(g).send({ quantity: -1 }).expect(400);
    await api().put('/api/cart/items/bad%20id').set(g).send({ quantity: 1 }).expect(400);
  });

  it('lines of an item deleted later are left out of the cart and can still be removed', async () => {
    const a = await newItem(svc, shop.tenantId);
    const b = await newItem(svc, shop.tenantId);
    const g = guest(shop.tenantId, session());
    await addToCart(svc, g, a, 2).expect(200);
    await addToCart(svc, g, b, 1).expect(200);
    await deleteItem(svc, a);
    const res = await api().put(`/api/cart/items/${b}`).set(g).send({ quantity: 2 }).expect(200);
    expect(quantities(res.body)).toEqual({ [b]: 2 });
    await api().put(`/api/cart/items/${a}`).set(g).send({ quantity: 1 }).expect(404);
    await api().delete(`/api/cart/items/${a}`).set(g).expect(200);
    await api().delete(`/api/cart/items/${a}`).set(g).expect(404);
  });

  it('concurrent adds to one cart all count (compare-and-set), and together never pass the stock', async () => {
    const a = await newItem(svc, shop.tenantId, { stock: 100 });
    const g = guest(shop.tenantId, session());
    const all = await Promise.all(Array.from({ length: 20 }, () => addToCart(svc, g, a, 1)));
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(quantities(await cartOf(svc, g))).toEqual({ [a]: 20 });

    const b = await newItem(svc, shop.tenantId, { stock: 5 });
    const capped = await Promise.all(Array.from({ length: 10 }, () => addToCart(svc, g, b, 1)));
    expect(capped.filter((r) => r.status === 200)).toHaveLength(5);
    expect(capped.filter((r) => r.status === 409)).toHaveLength(5);
    expect(quantities(await cartOf(svc, g))[b]).toBe(5);
  });

  it('tenancy: each guest visit, shop and user has its own cart; API keys 403, nobody 401', async () => {
    const a = await newItem(svc, shop.tenantId);
    const s = session();
    const g = guest(shop.tenantId, s);
    await addToCart(svc, g, a, 2).expect(200);
    expect(quantities(await cartOf(svc, g))).toEqual({ [a]: 2 }); // cached now

    // the same session naming another shop: that shop's (empty) cart, never this one, cache or not
    expect((await cartOf(svc, guest(other.tenantId, s))).lines).toEqual([]);
    await addToCart(svc, guest(other.tenantId, s), a).expect(404);
    // another visit of the same shop
    expect((await cartOf(svc, guest(shop.tenantId, session()))).lines).toEqual([]);

    const member = await svc.addMember(shop.admin, 'viewer');
    expect((await cartOf(svc, bearer(member.token))).lines).toEqual([]);
    await addToCart(svc, bearer(member.token), a, 1).expect(200);
    await addToCart(svc, bearer(shop.token), a, 3).expect(200);
    expect(quantities(await cartOf(svc, bearer(member.token)))).toEqual({ [a]: 1 });
    expect(quantities(await cartOf(svc, bearer(shop.token)))).toEqual({ [a]: 3 });
    expect(quantities(await cartOf(svc, g))).toEqual({ [a]: 2 });

    // another shop's admin: its own cart, this shop's item is unknown, naming this shop is refused
    expect((await cartOf(svc, bearer(other.token))).lines).toEqual([]);
    await addToCart(svc, bearer(other.token), a).expect(404);
    await api().get('/api/cart').set(bearer(other.token)).set('x-tenant-id', shop.tenantId).expect(403);

    const key = await svc.apiKey(shop.admin);
    await api().get('/api/cart').set(bearer(key)).expect(403);
    await api().post('/api/cart/items').set(bearer(key)).send({ item_id: a, quantity: 1 }).expect(403);
    await api().get('/api/cart').expect(401);
    await api().post('/api/cart/items').send({ item_id: a, quantity: 1 }).expect(401);
    await api().get('/api/cart').set('x-tenant-id', shop.tenantId).expect(401);
    await api().get('/api/cart').set('x-tenant-id', shop.tenantId).set('x-session-id', 'bad id').expect(400);
  });

  it('caches the cart under session:{id}:cart and user:{id}:cart and drops it on every change', async () => {
    const a = await newItem(svc, shop.tenantId, { stock: 50 });
    const s = session();
    const g = guest(shop.tenantId, s);
    await addToCart(svc, g, a, 1).expect(200);
    await cartOf(svc, g);
    expect(await svc.svc.redis.get(`session:${s}:cart`)).not.toBeNull();
    await addToCart(svc, g, a, 1).expect(200);
    expect(await svc.svc.redis.get(`session:${s}:cart`)).toBeNull();
    expect(quantities(await cartOf(svc, g))).toEqual({ [a]: 2 });

    const member = await svc.addMember(shop.admin, 'viewer');
    await cartOf(svc, bearer(member.token));
    expect(await svc.svc.redis.get(`user:${member.userId}:cart`)).not.toBeNull();
    await addToCart(svc, bearer(member.token), a, 4).expect(200);
    expect(await svc.svc.redis.get(`user:${member.userId}:cart`)).toBeNull();
    expect(quantities(await cartOf(svc, bearer(member.token)))).toEqual({ [a]: 4 });
  });
});
