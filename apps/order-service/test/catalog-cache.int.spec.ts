import { type ItemResponse } from '@platform/contracts';
import { eventually, startPrivateServer, type PrivateServer } from '@platform/devstack/testing';
import request from 'supertest';
import { ItemCache } from '../src/catalog/item-cache';
import { createItemAs } from './catalog-fixtures';
import { bearer, startOrderService, type OrderService } from './harness';

/** Seed 000's catalog cache, observed in Redis; on a Redis of its own, which one test stops. */
describe('catalog cache: item:{id}, user:{owner_id}:items, search:{hash} (real Redis)', () => {
  let redisServer: PrivateServer<'redis'>;
  let svc: OrderService;
  let shop: Awaited<ReturnType<OrderService['newShop']>>;
  beforeAll(async () => {
    redisServer = await startPrivateServer('redis');
    svc = await startOrderService({ env: { REDIS_URL: redisServer.url() } });
    shop = await svc.newShop();
  });
  afterAll(async () => {
    await svc?.stop();
    await redisServer?.dispose();
  });

  const redis = () => svc.svc.redis;
  const api = () => request(svc.app);
  // a change behind the catalog's back: only a cache hit still shows the old title
  const retitleInDb = (id: string, title: string) =>
    svc.db.collection('items').updateOne({ _id: id as never }, { $set: { title } });

  it('caches an item for 5 minutes, serves it from Redis, and drops it when the item changes', async () => {
    const item = await createItemAs(svc, shop.token);
    await api().get(`/api/items/${item.item_id}`).set(bearer(shop.token)).expect(200);
    const cached = JSON.parse((await redis().get(`item:${item.item_id}`)) as string);
    expect(cached.value).toEqual(item);
    expect(await redis().ttl(`item:${item.item_id}`)).toBeGreaterThan(290);

    await retitleInDb(item.item_id, 'changed behind the cache');
    const hit = await api().get(`/api/items/${item.item_id}`).set(bearer(shop.token)).expect(200);
    expect(hit.body.title).toBe(item.title);

    await api().put(`/api/items/${item.item_id}`).set(bearer(shop.token)).send({ price: 3 }).expect(200);
    expect(await redis().exists(`item:${item.item_id}`)).toBe(0);
    const fresh = await api().get(`/api/items/${item.item_id}`).set(bearer(shop.token)).expect(200);
    expect(fresh.body).toMatchObject({ title: 'changed behind the cache', price: 3 });
  });

  it("caches an owner's list and searches; a new item drops them, a stock move by an order drops the item and the list", async () => {
    const owner = await svc.addMember(shop.admin, 'developer');
    const first = await createItemAs(svc, owner.token, { stock: 5 });
    const ownerKey = `user:${owner.userId}:items`;
    const list = async (qs: string) =>
      (await api().get(`/api/items?${qs}`).set(bearer(shop.token)).expect(200)).body.items as ItemResponse[];

    expect((await list(`owner_id=${owner.userId}`)).map((i) => i.item_id)).toEqual([first.item_id]);
    expect(await redis().ttl(ownerKey)).toBeGreaterThan(110);
    const search = { category: 'home-office', limit: 20, offset: 0 } as const;
    await list('category=home-office');
    const searchKey = ItemCache.searchKey(shop.tenantId, search);
    expect(await redis().ttl(searchKey)).toBeGreaterThan(50);

    const second = await createItemAs(svc, owner.token);
    expect(await redis().exists(ownerKey, searchKey)).toBe(0);
    expect((await list(`owner_id=${owner.userId}`)).map((i) => i.item_id)).toEqual([
      second.item_id,
      first.item_id,
    ]);

    await api().get(`/api/items/${first.item_id}`).set(bearer(shop.token)).expect(200);
    await list('category=home-office');
    expect(await redis().exists(`item:${first.item_id}`, ownerKey, searchKey)).toBe(3);
    await svc.svc.catalog.items.reserveStock(shop.tenantId, first.item_id, 2, 'order-1');
    expect(await redis().exists(`item:${first.item_id}`, ownerKey)).toBe(0);
    // searches keep their one-minute TTL: no SCAN over Redis on the order path
    expect(await redis().exists(searchKey)).toBe(1);
    const after = await api().get(`/api/items/${first.item_id}`).set(bearer(shop.token)).expect(200);
    expect(after.body.stock).toBe(3);
  });

  it('keeps serving while Redis is down, and serves nothing stale once it is back', async () => {
    const item = await createItemAs(svc, shop.token);
    await api().get(`/api/items/${item.item_id}`).set(bearer(shop.token)).expect(200);
    expect(await redis().exists(`item:${item.item_id}`)).toBe(1);

    await redisServer.stop(); // Redis keeps the entry in its append-only file
    const down = await api().get(`/api/items/${item.item_id}`).set(bearer(shop.token));
    expect(down.status).toBe(200);
    await api()
      .put(`/api/items/${item.item_id}`)
      .set(bearer(shop.token))
      .send({ title: 'During outage' })
      .expect(200);
    await api().get('/api/items?q=outage').set(bearer(shop.token)).expect(200);
    // the invalidation that could not reach Redis waits in MongoDB
    expect(await svc.db.collection('cache_pending_invalidations').countDocuments()).toBeGreaterThan(0);

    await redisServer.restart();
    await eventually(async () => {
      const res = await api().get(`/api/items/${item.item_id}`).set(bearer(shop.token));
      const pending = await svc.db.collection('cache_pending_invalidations').countDocuments();
      return res.status === 200 && pending === 0 && (await redis().exists(`item:${item.item_id}`)) === 1;
    });
    // Redis back, the entry from before the outage was dropped: what it serves now is the new title
    const cached = JSON.parse((await redis().get(`item:${item.item_id}`)) as string);
    expect(cached.value.title).toBe('During outage');
    const res = await api().get(`/api/items/${item.item_id}`).set(bearer(shop.token)).expect(200);
    expect(res.body.title).toBe('During outage');
  });
});
