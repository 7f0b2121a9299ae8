import { eventSchema } from '@platform/contracts';
import { readTopic } from '@platform/messaging/testing';
import { eventually } from '@platform/devstack/testing';
import { type OrderDoc } from '../src/orders/order-document';
import request from 'supertest';
import { bearer, startOrderService, type OrderService } from './harness';
import { releaseHeldStock } from '../src/orders/stock-release';
import { holdsOf, orderDocument, orderOf, placeOrder, shopWithItem, stockOf } from './orders-fixtures';

describe('Order stock: concurrent orders for the last units', () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService()));
  afterAll(() => svc?.stop());

  it('50 concurrent orders for the last 10 units: exactly 10 succeed and the stock ends at 0', async () => {
    const shop = await shopWithItem(svc, { stock: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 1 }] }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(await stockOf(svc, shop.itemId)).toBe(0);
    const pending = await svc.db
      .collection('orders')
      .countDocuments({ tenant_id: shop.tenantId, status: 'pending' });
    expect(pending).toBe(10);
  });
});

describe('Order sweeper: crashes and expiry give the stock back', () => {
  let svc: OrderService;
  beforeAll(
    async () =>
      void (svc = await startOrderService({
        env: {
          ORDER_RESERVATION_TIMEOUT_MS: '300',
          ORDER_SWEEP_INTERVAL_MS: '100',
          ORDER_EXPIRY_MINUTES: '0.02',
        },
      })),
  );
  afterAll(() => svc?.stop());
  const docOf = async (id: string) =>
    (await svc.db.collection('orders').findOne({ _id: id as never })) as unknown as OrderDoc;

  it.each([
    ['its reservation marked on the order', true],
    ['its reservation applied but its answer lost (never marked)', false],
  ])(
    'a crash between reserving and saving, %s: the sweeper abandons the order and releases it, once',
    async (_, marked) => {
      const shop = await shopWithItem(svc, { stock: 6 });
      const { orders, catalog } = svc.svc.orders.deps;
      // what createOrder does up to the crash: the record first, then a reservation, marked
      const order = orderDocument(shop, 'reserving', { quantity: 4 });
      const id = order._id;
      await orders.insert(order);
      expect(await catalog.reserveStock(shop.tenantId, shop.itemId, 4, id)).toEqual({ ok: true });
      if (marked) expect(await orders.markReserved(id, shop.itemId)).toBe(true);
      expect(await stockOf(svc, shop.itemId)).toBe(2);
      // ...the process dies here; the sweeper of the running one finds the order
      await eventually(async () => (await docOf(id)).stock_released, { what: 'the stock given back' });
      expect(await stockOf(svc, shop.itemId)).toBe(6);
      const doc = await docOf(id);
      expect(doc).toMatchObject({ status: 'abandoned', stock_released: true });
      expect(await holdsOf(svc, shop.itemId)).toEqual([]);
      await releaseHeldStock(doc, svc.svc.orders.deps); // again (another process): nothing is released twice
      expect(await stockOf(svc, shop.itemId)).toBe(6);
    },
  );

  it('a crash right after a transition, before the release: the sweeper releases it, once', async () => {
    const shop = await shopWithItem(svc, { stock: 5 });
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 2 }] }),
    );
    // the transition's write happened, the process died before giving the stock back
    await svc.svc.orders.deps.orders.transition(order.id, 'pending', 'failed', {}, []);
    await eventually(async () => (await docOf(order.id)).stock_released, { what: 'the stock given back' });
    expect(await stockOf(svc, shop.itemId)).toBe(5);
    await svc.svc.orders.sweeper.sweep();
    expect(await stockOf(svc, shop.itemId)).toBe(5);
  });

  it('an unpaid order expires after ORDER_EXPIRY_MINUTES: OrderExpired, stock back, cancel is ORDER_004', async () => {
    const shop = await shopWithItem(svc, { stock: 3 });
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 3 }] }),
    );
    expect(order.status).toBe('pending');
    await eventually(async () => (await docOf(order.id)).status === 'expired', {
      what: 'the order to expire',
    });
    await eventually(async () => (await stockOf(svc, shop.itemId)) === 3, { what: 'the stock given back' });
    const messages = await readTopic(svc.topics.orders, (ms) =>
      ms.some((m) => m.key === order.id && m.headers.event_type === 'OrderExpired'),
    );
    const expired = messages.find((m) => m.key === order.id && m.headers.event_type === 'OrderExpired')!;
    expect(eventSchema('OrderExpired').parse(expired.json()).data.order_id).toBe(order.id);
    const cancel = await request(svc.app)
      .post(`/api/orders/${order.id}/cancel`)
      .set(bearer(shop.member.token));
    expect(cancel.body.error.code).toBe('ORDER_004');
  });
});
