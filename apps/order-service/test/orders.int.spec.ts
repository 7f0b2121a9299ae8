import { randomUUID } from 'node:crypto';
import {
  CancelOrderResponseSchema,
  CartResponseSchema,
  ErrorEnvelopeSchema,
  eventSchema,
  OrderListResponseSchema,
  OrderResponseSchema,
} from '@platform/contracts';
import { readTopic } from '@platform/messaging/testing';
import request from 'supertest';
import { bearer, startOrderService, type OrderService } from './harness';
import { orderOf, placeOrder, placeOrders, seedItem, shopWithItem, stockOf } from './orders-fixtures';

const codeOf = (res: { body: unknown }) => ErrorEnvelopeSchema.parse(res.body).error.code;

describe('Order API (seed 001): create, read, list, cancel', () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService()));
  afterAll(() => svc?.stop());

  it('creates a pending order priced from the catalog, reserves its stock and publishes OrderCreated', async () => {
    const shop = await shopWithItem(svc, { price: 29.99, stock: 5 });
    const other = await seedItem(svc, shop.tenantId, { price: 15.5, stock: 3 });
    const res = await placeOrder(svc, shop.member.token, {
      userId: shop.member.userId,
      items: [
        { productId: shop.itemId, quantity: 2, price: 29.99 },
        { productId: other, quantity: 1 },
      ],
    });
    expect(res.status).toBe(201);
    const order = OrderResponseSchema.parse(res.body);
    expect(order).toMatchObject({
      userId: shop.member.userId,
      status: 'pending',
      subtotal: 75.48,
      discount: 0,
      totalAmount: 75.48,
      currency: 'USD',
    });
    expect(order.items).toEqual([
      expect.objectContaining({ productId: shop.itemId, quantity: 2, price: 29.99, lineTotal: 59.98 }),
      expect.objectContaining({ productId: other, quantity: 1, price: 15.5 }),
    ]);
    expect(await stockOf(svc, shop.itemId)).toBe(3);
    expect(await stockOf(svc, other)).toBe(2);

    const messages = await readTopic(svc.topics.orders, (ms) => ms.some((m) => m.key === order.id));
    const created = eventSchema('OrderCreated').parse(messages.find((m) => m.key === order.id)!.json());
    expect(created).toMatchObject({
      event_type: 'OrderCreated',
      aggregate_type: 'order',
      tenant_id: shop.tenantId,
      data: { order_id: order.id, user_id: shop.member.userId, total_amount: 75.48, currency: 'USD' },
    });
    expect(created.data.items).toHaveLength(2);
    const metrics = await svc.metrics.registry.getSingleMetricAsString('orders_created_total');
    expect(metrics).toMatch(/orders_created_total\{.*currency="USD".*\} [1-9]/);
    const values = await svc.metrics.registry.getSingleMetricAsString('order_value_histogram');
    expect(values).toMatch(/order_value_histogram_bucket\{le="100",.*currency="USD".*\} [1-9]/);
  });

  it('refuses: empty items ORDER_002, unknown item 404, changed price 409, too little stock 409, bad body 400', async () => {
    const shop = await shopWithItem(svc, { price: 10, stock: 2 });
    const t = shop.member.token;
    const empty = await placeOrder(svc, t, { items: [] });
    expect([empty.status, codeOf(empty)]).toEqual([400, 'ORDER_002']);
    const unknown = await placeOrder(svc, t, { items: [{ productId: randomUUID(), quantity: 1 }] });
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
    const price = await placeOrder(svc, t, { items: [{ productId: shop.itemId, quantity: 1, price: 9 }] });
    expect([price.status, codeOf(price)]).toEqual([409, 'PRICE_CHANGED']);
    expect(price.body.error.details).toEqual({ item_id: shop.itemId, price: 10 });
    const stock = await placeOrder(svc, t, { items: [{ productId: shop.itemId, quantity: 3 }] });
    expect([stock.status, codeOf(stock)]).toEqual([409, 'OUT_OF_STOCK']);
    expect(stock.body.error.details).toEqual({ item_id: shop.itemId, available: 2 });
    const bad = await placeOrder(svc, t, { items: [{ productId: shop.itemId, quantity: -1 }] });
    expect([bad.status, codeOf(bad)]).toEqual([400, 'VALIDATION_ERROR']);
    expect(await stockOf(svc, shop.itemId)).toBe(2);
  });

  it('gives back the stock of earlier lines when a later line fails', async () => {
    const shop = await shopWithItem(svc, { stock: 5 });
    const scarce = await seedItem(svc, shop.tenantId, { stock: 1 });
    const res = await placeOrder(svc, shop.member.token, {
      items: [
        { productId: shop.itemId, quantity: 2 },
        { productId: scarce, quantity: 2 },
      ],
    });
    expect(res.status).toBe(409);
    expect(await stockOf(svc, shop.itemId)).toBe(5);
    expect(await stockOf(svc, scarce)).toBe(1);
  });

  it('orders the caller’s cart with {"fromCart": true} and empties it; an empty cart is ORDER_002', async () => {
    const shop = await shopWithItem(svc, { price: 7.25, stock: 9 });
    const cart = (method: 'get' | 'post', path = '/api/cart') =>
      request(svc.app)[method](path).set(bearer(shop.member.token));
    await cart('post', '/api/cart/items').send({ item_id: shop.itemId, quantity: 3 }).expect(200);
    const res = await placeOrder(svc, shop.member.token, { fromCart: true });
    expect(res.status).toBe(201);
    expect(orderOf(res)).toMatchObject({
      totalAmount: 21.75,
      items: [expect.objectContaining({ productId: shop.itemId, quantity: 3 })],
    });
    expect(await stockOf(svc, shop.itemId)).toBe(6);
    const after = await cart('get');
    expect(CartResponseSchema.parse(after.body).lines).toEqual([]);
    const empty = await placeOrder(svc, shop.member.token, { fromCart: true });
    expect([empty.status, codeOf(empty)]).toEqual([400, 'ORDER_002']);
  });

  it('orders for another user only as an admin of the same shop (ORDER_001 otherwise)', async () => {
    const shop = await shopWithItem(svc);
    const items = [{ productId: shop.itemId, quantity: 1 }];
    const forMember = await placeOrder(svc, shop.token, { userId: shop.member.userId, items });
    expect(forMember.status).toBe(201);
    expect(orderOf(forMember).userId).toBe(shop.member.userId);
    const other = await svc.newShop();
    const foreign = await placeOrder(svc, shop.token, { userId: other.admin.user.id, items });
    expect([foreign.status, codeOf(foreign)]).toEqual([400, 'ORDER_001']);
    const unknown = await placeOrder(svc, shop.token, { userId: randomUUID(), items });
    expect([unknown.status, codeOf(unknown)]).toEqual([400, 'ORDER_001']);
    const notAdmin = await placeOrder(svc, shop.member.token, { userId: shop.admin.user.id, items });
    expect(notAdmin.status).toBe(403);
    const anonymous = await request(svc.app).post('/api/orders').send({ items });
    expect(anonymous.status).toBe(401);
  });

  it('reads an order for its owner and admins only; other members and shops get ORDER_003', async () => {
    const shop = await shopWithItem(svc);
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 1 }] }),
    );
    const get = (token: string, id = order.id) =>
      request(svc.app).get(`/api/orders/${id}`).set(bearer(token));
    expect(OrderResponseSchema.parse((await get(shop.member.token)).body).id).toBe(order.id);
    expect((await get(shop.token)).status).toBe(200);
    const peer = await svc.addMember(shop.admin, 'developer');
    const stranger = await svc.newShop();
    for (const res of [await get(peer.token), await get(stranger.token), await get(shop.token, randomUUID())])
      expect([res.status, codeOf(res)]).toEqual([404, 'ORDER_003']);
    expect((await request(svc.app).get(`/api/orders/${order.id}`)).status).toBe(401);
    expect((await get(shop.token, 'not-a-uuid')).status).toBe(400);
    // a credential of one shop naming another with X-Tenant-Id
    const named = await get(shop.member.token).set('x-tenant-id', stranger.tenantId);
    expect([named.status, codeOf(named)]).toEqual([403, 'FORBIDDEN']);
  });

  it('lists a user’s orders newest first, by status, with limit and offset; only the user or an admin', async () => {
    const shop = await shopWithItem(svc);
    const ids = await placeOrders(svc, shop, 3);
    await request(svc.app).post(`/api/orders/${ids[0]}/cancel`).set(bearer(shop.member.token)).expect(200);
    const list = (query: string, token = shop.member.token) =>
      request(svc.app).get(`/api/orders/user/${shop.member.userId}${query}`).set(bearer(token));
    const all = OrderListResponseSchema.parse((await list('')).body);
    expect(all.orders.map((o) => o.id)).toEqual([...ids].reverse());
    expect(all).toMatchObject({ total: 3, limit: 10, offset: 0 });
    const page = OrderListResponseSchema.parse((await list('?limit=1&offset=1', shop.token)).body);
    expect(page.orders.map((o) => o.id)).toEqual([ids[1]]);
    const pending = OrderListResponseSchema.parse((await list('?status=pending')).body);
    expect(pending.orders.map((o) => o.id).sort()).toEqual([ids[1], ids[2]].sort());
    const cancelled = OrderListResponseSchema.parse((await list('?status=cancelled')).body);
    expect(cancelled.orders.map((o) => o.id)).toEqual([ids[0]]);
    expect((await list('?limit=0')).status).toBe(400);
    const peer = await svc.addMember(shop.admin, 'viewer');
    expect((await list('', peer.token)).status).toBe(403);
    const stranger = await svc.newShop();
    const foreign = OrderListResponseSchema.parse((await list('', stranger.token)).body);
    expect(foreign.orders).toEqual([]); // an admin of another shop sees none of them
  });

  it('cancels a pending order, gives its stock back and publishes OrderCancelled; a second cancel is ORDER_004', async () => {
    const shop = await shopWithItem(svc, { stock: 4 });
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 3 }] }),
    );
    expect(await stockOf(svc, shop.itemId)).toBe(1);
    const listed = async () => {
      const res = await request(svc.app)
        .get(`/api/orders/user/${shop.member.userId}`)
        .set(bearer(shop.member.token));
      return OrderListResponseSchema.parse(res.body).orders.map((o) => o.status);
    };
    expect(await listed()).toEqual(['pending']); // the customer's list is cached now
    const cancel = () =>
      request(svc.app).post(`/api/orders/${order.id}/cancel`).set(bearer(shop.member.token));
    const res = await cancel();
    expect(res.status).toBe(200);
    expect(CancelOrderResponseSchema.parse(res.body)).toMatchObject({ id: order.id, status: 'cancelled' });
    expect(await stockOf(svc, shop.itemId)).toBe(4);
    const again = await cancel();
    expect([again.status, codeOf(again)]).toEqual([409, 'ORDER_004']);
    const got = await request(svc.app).get(`/api/orders/${order.id}`).set(bearer(shop.member.token));
    expect(got.body.status).toBe('cancelled'); // the cache was dropped with the change
    expect(await listed()).toEqual(['cancelled']); // and so were the customer's cached pages
    const messages = await readTopic(svc.topics.orders, (ms) =>
      ms.some((m) => m.key === order.id && m.headers.event_type === 'OrderCancelled'),
    );
    const event = eventSchema('OrderCancelled').parse(
      messages.find((m) => m.key === order.id && m.headers.event_type === 'OrderCancelled')!.json(),
    );
    expect(event.data).toMatchObject({ order_id: order.id, previous_status: 'pending', total_amount: 30 });
    expect(event.data.payment_id).toBeUndefined();
  });
});
