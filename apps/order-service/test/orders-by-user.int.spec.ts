import { randomUUID } from 'node:crypto';
import { OrderListResponseSchema } from '@platform/contracts';
import request from 'supertest';
import { UserOrdersRepository } from '../src/orders/user-orders.repository';
import { bearer, startOrderService, type OrderService } from './harness';
import {
  filtersOnOrders,
  orderDocument,
  orderOf,
  placeOrder,
  placeOrders,
  shopWithItem,
} from './orders-fixtures';

// GET /api/orders/user/{id} reads the customer's list of order ids and each order by _id: FerretDB can
// narrow a search by _id only, so a search by customer read every order of every shop.
describe("A customer's orders listed by id, not by searching orders", () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService({ startBackground: false })));
  afterAll(() => svc?.stop());

  const list = async (shop: { member: { userId: string; token: string } }, query = '') =>
    OrderListResponseSchema.parse(
      (
        await request(svc.app)
          .get(`/api/orders/user/${shop.member.userId}${query}`)
          .set(bearer(shop.member.token))
          .expect(200)
      ).body,
    );

  it('reads only by _id, and skips an id whose order was never written', async () => {
    const shop = await shopWithItem(svc);
    const placed = await placeOrders(svc, shop, 3);
    // a crash after the id was listed, before its order was written
    await new UserOrdersRepository(svc.db).add(shop.tenantId, shop.member.userId, randomUUID());
    let listed: string[] = [];
    const filters = await filtersOnOrders(svc, async () => {
      const page = await list(shop, '?limit=2&offset=1');
      expect(page.total).toBe(3);
      listed = page.orders.map((o) => o.id);
    });
    expect(listed).toEqual([placed[1], placed[0]]);
    expect(filters.length).toBe(4); // each listed id once
    for (const filter of filters) expect(filter).toMatchObject({ _id: expect.any(String) });
  });

  it('lists orders placed before the list existed, once its backfill has run at start', async () => {
    const shop = await shopWithItem(svc);
    const older = orderDocument(shop, 'pending', { createdAt: new Date(Date.now() - 3_600_000) });
    await svc.db.collection('orders').insertOne(older as never);
    expect((await list(shop)).total).toBe(0);
    // a database the backfill has not seen yet: what a service starting on older data finds
    await svc.db.collection('backfills').deleteOne({ _id: 'user_orders' as never });
    const backfill = () => new UserOrdersRepository(svc.db).backfill();
    expect(await backfill()).toBeGreaterThan(0);
    const newer = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 1 }] }),
    );
    expect((await list(shop)).orders.map((o) => o.id)).toEqual([newer.id, older._id]);
    expect(await backfill()).toBe(0); // once per database
  });

  it("keeps every id when a new customer's first orders are listed at once", async () => {
    // a read-then-write list would keep one id here. (FerretDB serializes upserts, so the duplicate-key
    // retry that two racing first upserts need on MongoDB is not reached on this stack.)
    const tenantId = randomUUID();
    const userId = randomUUID();
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const repo = new UserOrdersRepository(svc.db);
    await Promise.all(ids.map((id) => repo.add(tenantId, userId, id)));
    expect((await repo.ids(tenantId, userId)).sort()).toEqual([...ids].sort());
  });
});
