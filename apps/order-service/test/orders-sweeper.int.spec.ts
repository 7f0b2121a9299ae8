import { eventually } from '@platform/devstack/testing';
import { type OrderDoc } from '../src/orders/order-document';
import { OrderSweeper } from '../src/orders/order-sweeper';
import { transitionOrder } from '../src/orders/order-transitions';
import { startOrderService, type OrderService } from './harness';
import {
  filtersOnOrders,
  holdsOf,
  orderDocument,
  orderOf,
  placeOrder,
  shopWithItem,
  stockOf,
} from './orders-fixtures';

// The sweeper's passes read the open orders and each order by _id; the whole collection is searched only
// at start and every ORDER_FULL_SWEEP_MS (FerretDB can search only by reading every document).
describe('Order sweeper: open orders read by id, the whole collection searched only now and then', () => {
  let svc: OrderService;
  // no background work: each test runs the sweeper's passes itself
  beforeAll(
    async () =>
      void (svc = await startOrderService({
        startBackground: false,
        env: { ORDER_RESERVATION_TIMEOUT_MS: '300', ORDER_EXPIRY_MINUTES: '0.02' },
      })),
  );
  afterAll(() => svc?.stop());
  const docOf = async (id: string) =>
    (await svc.db.collection('orders').findOne({ _id: id as never })) as unknown as OrderDoc;
  const listed = (id: string) => svc.db.collection('open_orders').countDocuments({ _id: id as never });
  const sweeperOf = () =>
    new OrderSweeper(svc.svc.orders.deps, {
      intervalMs: 100,
      reservationTimeoutMs: 300,
      fullSweepMs: 600_000,
    });

  /** A pending order past its expiry, written straight into `orders` as before the open list existed. */
  async function insertUnlisted(
    shop: { tenantId: string; member: { userId: string }; itemId: string },
    quantity: number,
  ) {
    const past = new Date(Date.now() - 60_000);
    const order = orderDocument(shop, 'pending', { quantity, createdAt: past, expiresAt: past });
    await svc.db.collection('orders').insertOne(order as never);
    return order._id;
  }

  it('expires an unpaid order from the open list, reading orders by _id only, then takes it off the list', async () => {
    const sweeper = sweeperOf();
    await sweeper.sweep(); // its first pass: the full search
    const shop = await shopWithItem(svc, { stock: 3 });
    const filters = await filtersOnOrders(svc, async () => {
      const order = orderOf(
        await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 3 }] }),
      );
      expect(await listed(order.id)).toBe(1);
      await eventually(
        async () => {
          await sweeper.sweep();
          return (await listed(order.id)) === 0;
        },
        { what: 'the order expired, its stock released and off the open list', intervalMs: 100 },
      );
      expect(await docOf(order.id)).toMatchObject({ status: 'expired', stock_released: true });
    });
    expect(await stockOf(svc, shop.itemId)).toBe(3);
    expect(filters.length).toBeGreaterThan(0);
    for (const filter of filters) expect(filter).toMatchObject({ _id: expect.any(String) });
  });

  it('an order the pass saw while it was still reserving is expired at its expiry, not later', async () => {
    const sweeper = sweeperOf();
    await sweeper.sweep(); // the full search at start
    const { orders } = svc.svc.orders.deps;
    const shop = await shopWithItem(svc, { stock: 5 });
    const now = new Date();
    const order = orderDocument(shop, 'reserving', {
      createdAt: new Date(now.getTime() + 60_000), // stale only in a minute
      expiresAt: new Date(now.getTime() + 200), // long before the reservation timeout (300 ms) + a minute
    });
    const id = order._id;
    await orders.insert(order);
    await sweeper.sweep(); // sees it reserving
    expect(await orders.transition(id, 'reserving', 'pending', {}, [])).not.toBeNull();
    await eventually(
      async () => {
        await sweeper.sweep();
        return (await docOf(id)).status === 'expired';
      },
      { what: 'the order to expire', timeoutMs: 5_000, intervalMs: 100 },
    );
  });

  it('a paid order leaves the list; its cancellation lists it again until its units are back on sale', async () => {
    const sweeper = sweeperOf();
    await sweeper.sweep(); // the full search at start
    const { deps } = svc.svc.orders;
    const shop = await shopWithItem(svc, { stock: 4 });
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 2 }] }),
    );
    await transitionOrder(await docOf(order.id), 'confirmed', { paymentId: 'pay-1' }, deps);
    expect(await listed(order.id)).toBe(0);
    expect(await stockOf(svc, shop.itemId)).toBe(2);
    // the cancellation's write happened, the process died before the restock
    await deps.orders.transition(order.id, 'confirmed', 'cancelled', {}, []);
    expect(await listed(order.id)).toBe(1);
    await sweeper.sweep();
    expect(await stockOf(svc, shop.itemId)).toBe(4);
    expect(await listed(order.id)).toBe(0);
  });

  it('finds an order the list does not name (made before the list existed) by its full search only', async () => {
    const shop = await shopWithItem(svc, { stock: 5 });
    const { catalog } = svc.svc.orders.deps;
    const id = await insertUnlisted(shop, 2);
    expect(await catalog.reserveStock(shop.tenantId, shop.itemId, 2, id)).toEqual({ ok: true });
    const sweeper = sweeperOf();
    await sweeper.sweep(); // the full search at start
    await sweeper.sweep(); // the order is listed now (its move to expired): this pass finishes it
    expect(await docOf(id)).toMatchObject({ status: 'expired', stock_released: true });
    expect(await stockOf(svc, shop.itemId)).toBe(5);
    expect(await holdsOf(svc, shop.itemId)).toEqual([]);
    expect(await listed(id)).toBe(0);
  });

  it('a pass between full searches leaves alone an order the list does not name', async () => {
    const sweeper = sweeperOf();
    await sweeper.sweep(); // the full search at start
    const shop = await shopWithItem(svc, { stock: 5 });
    const id = await insertUnlisted(shop, 1);
    await sweeper.sweep();
    expect((await docOf(id)).status).toBe('pending');
  });
});
