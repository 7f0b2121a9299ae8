import { type SyncResult } from '@platform/contracts';
import { eventually, startSupplierSimulator, type SupplierSimulator } from '@platform/devstack/testing';
import { readTopic } from '@platform/messaging/testing';
import request from 'supertest';
import { createItemAs } from './catalog-fixtures';
import { bearer, startOrderService, type OrderService } from './harness';

interface StoredItem {
  _id: string;
  price_cents: number;
  stock: number;
  tags: string[];
  owner_id: string;
  deleted_at: Date | null;
  supplier: { product_id: string };
}

describe('supplier: catalog sync and stock check against supplier-simulator', () => {
  let sim: SupplierSimulator;
  let svc: OrderService;
  const control = (body: object) =>
    fetch(`${sim.url}/__control`, { method: 'POST', body: JSON.stringify(body) }).then(
      (r) => r.json() as Promise<{ requests: number }>,
    );
  const sync = (token: string, body: object = {}) =>
    request(svc.app).post('/api/catalog/sync').set(bearer(token)).send(body);
  const itemsOf = (tenantId: string) =>
    svc.db.collection('items').find({ tenant_id: tenantId }).toArray() as unknown as Promise<StoredItem[]>;
  const byProduct = async (tenantId: string, productId: string) =>
    (await itemsOf(tenantId)).find((i) => i.supplier?.product_id === productId)!;

  beforeAll(async () => {
    sim = await startSupplierSimulator({ products: 150 });
    svc = await startOrderService({ env: { SUPPLIER_URL: sim.url } });
  });
  afterAll(async () => {
    await svc?.stop();
    await sim?.stop();
  });
  afterEach(() => control({ reset: true }));

  it('adds every product with a 2% markup, then updates, and a full sync removes what the supplier delisted', async () => {
    const shop = await svc.newShop();
    const first = await sync(shop.token);
    expect(first.status).toBe(200);
    const categories = new Set(sim.products.map((p) => p.category)).size;
    expect(first.body).toEqual({
      added: 150,
      updated: 0,
      removed: 0,
      categoriesCreated: categories,
      genresCreated: 0,
      platformsCreated: 0,
      errors: [],
    } satisfies SyncResult);
    const p1 = sim.products[0];
    const item = await byProduct(shop.tenantId, p1.product_id);
    expect(item.price_cents).toBe(Math.round(Math.round(p1.price * 100) * 1.02));
    expect(item.owner_id).toBe(shop.admin.user.id);

    // nothing changed: nothing counted, no event
    expect((await sync(shop.token)).body).toMatchObject({ added: 0, updated: 0, categoriesCreated: 0 });

    await control({ prices: { 'sp-000002': 12.5 }, stock: { 'sp-000003': 7 }, delist: ['sp-000004'] });
    const second = await sync(shop.token, { fullSync: true });
    expect(second.body).toMatchObject({ added: 0, updated: 2, removed: 1, categoriesCreated: 0, errors: [] });
    expect((await byProduct(shop.tenantId, 'sp-000002')).price_cents).toBe(1275); // 12.50 * 1.02
    expect((await byProduct(shop.tenantId, 'sp-000003')).stock).toBe(7);
    const removed = await byProduct(shop.tenantId, 'sp-000004');
    expect(removed.deleted_at).not.toBeNull();

    const changed = (await byProduct(shop.tenantId, 'sp-000002'))._id;
    const events = await readTopic(svc.topics.items, (ms) =>
      ['ItemPriceChanged', 'ItemDeleted'].every((t) =>
        ms.some((m) => m.json<{ event_type: string }>().event_type === t),
      ),
    );
    const priceChanged = events
      .map((m) => m.json<{ event_type: string; data: { item_id: string; new_price: number } }>())
      .find((e) => e.event_type === 'ItemPriceChanged');
    expect(priceChanged?.data).toMatchObject({ item_id: changed, new_price: 12.75 });
    expect(
      events.filter((m) => m.json<{ event_type: string }>().event_type === 'ItemCreated').length,
    ).toBeGreaterThanOrEqual(150);

    // relisted: back as added
    await control({ relist: ['sp-000004'] });
    expect((await sync(shop.token)).body).toMatchObject({ added: 1, updated: 0 });
  });

  it('syncs chosen products with their relationships: genres and platforms counted once per tenant', async () => {
    const shop = await svc.newShop();
    const chosen = sim.products.slice(0, 12);
    const res = await sync(shop.token, {
      productIds: chosen.map((p) => p.product_id),
      includeRelationships: true,
    });
    const distinct = (prefix: string) =>
      new Set(chosen.flatMap((p) => p.tags).filter((t) => t.startsWith(prefix))).size;
    expect(res.body).toMatchObject({
      added: 12,
      categoriesCreated: new Set(chosen.map((p) => p.category)).size,
      genresCreated: distinct('genre:'),
      platformsCreated: distinct('platform:'),
    });
    expect((await itemsOf(shop.tenantId)).every((i) => i.tags.length === 2)).toBe(true);
    const again = await sync(shop.token, {
      productIds: chosen.map((p) => p.product_id),
      includeRelationships: true,
    });
    expect(again.body).toMatchObject({
      added: 0,
      categoriesCreated: 0,
      genresCreated: 0,
      platformsCreated: 0,
    });
  });

  it('runs one sync per tenant: a second while the first runs is 409; admins only; options validated', async () => {
    const shop = await svc.newShop();
    const member = await svc.addMember(shop.admin, 'developer');
    expect((await sync(member.token)).status).toBe(403);
    expect((await sync(shop.token, { fullSync: 'yes' })).body.error.code).toBe('VALIDATION_ERROR');

    await control({ mode: 'slow', slow_ms: 300 });
    const first = sync(shop.token, { categories: [sim.products[0].category] }).then((r) => r);
    await eventually(
      async () =>
        (await svc.db.collection('catalog_sync_locks').countDocuments({ _id: shop.tenantId as never })) === 1,
      {
        what: 'the first sync holds the lock',
      },
    );
    const second = await sync(shop.token);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('SYNC_IN_PROGRESS');
    expect((await first).status).toBe(200);
    // released after: the next one runs
    await control({ mode: 'ok' });
    expect((await sync(shop.token, { productIds: ['sp-000001'] })).status).toBe(200);
  });

  it('stock check: the supplier stock of a supplier item, cached 5 minutes; 404 for other items', async () => {
    const shop = await svc.newShop();
    await sync(shop.token, { productIds: ['sp-000005', 'sp-000006'] });
    const item = await byProduct(shop.tenantId, 'sp-000005');
    const stock = (id: string) => request(svc.app).get(`/api/items/${id}/stock`).set(bearer(shop.token));
    const first = await stock(item._id);
    expect(first.body).toEqual({ available: sim.products[4].stock > 0, stock: sim.products[4].stock });
    // a load is cached once no invalidation is pending (the sync just made some): wait for the entry
    await eventually(
      async () => {
        await stock(item._id);
        return (await svc.svc.redis.exists('supplier:stock:sp-000005')) === 1;
      },
      { what: 'the stock cached' },
    );
    const before = (await control({})).requests;
    await control({ stock: { 'sp-000005': 0 } });
    expect((await stock(item._id)).body).toEqual(first.body); // from the cache, not the supplier
    expect((await control({})).requests).toBe(before);
    const ttl = await svc.svc.redis.ttl('supplier:stock:sp-000005');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);

    const own = await createItemAs(svc, shop.token);
    expect((await stock(own.item_id)).status).toBe(404);
    expect((await stock('no-such-item')).status).toBe(404);
    await control({ delist: ['sp-000006'] });
    expect((await stock((await byProduct(shop.tenantId, 'sp-000006'))._id)).status).toBe(404);
  });

  it("waits out the supplier's 429 and Retry-After instead of failing", async () => {
    const shop = await svc.newShop();
    await sync(shop.token, { productIds: ['sp-000010', 'sp-000011', 'sp-000012'] });
    const ids = await Promise.all(
      ['sp-000010', 'sp-000011', 'sp-000012'].map((p) => byProduct(shop.tenantId, p)),
    );
    await svc.svc.redis.del(
      'supplier:stock:sp-000010',
      'supplier:stock:sp-000011',
      'supplier:stock:sp-000012',
    );
    await control({ rate_limit: { limit: 1, window_ms: 1000 } });
    const before = (await control({})).requests;
    for (const item of ids) {
      const res = await request(svc.app).get(`/api/items/${item._id}/stock`).set(bearer(shop.token));
      expect(res.status).toBe(200);
    }
    // at least one call was refused with 429 and sent again
    expect((await control({})).requests - before).toBeGreaterThan(3);
  });

  it('a failing supplier opens the breaker `supplier`: stock checks answer 503', async () => {
    const shop = await svc.newShop();
    await sync(shop.token, { productIds: ['sp-000020'] });
    const item = await byProduct(shop.tenantId, 'sp-000020');
    await control({ mode: '5xx' });
    const stock = () => request(svc.app).get(`/api/items/${item._id}/stock`).set(bearer(shop.token));
    expect((await stock()).status).toBe(503);
    await eventually(
      async () => {
        await stock();
        const status = await request(svc.app).get('/api/circuit-breaker/status');
        return status.body.supplier?.state === 'open';
      },
      { what: 'the supplier breaker open' },
    );
    const refused = await stock();
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toMatch(/circuit open/);
    expect((await sync(shop.token)).status).toBe(503);
  });

  it('refuses a sync request without a JSON body (400), as the document says: {} syncs with the defaults', async () => {
    const shop = await svc.newShop();
    const bare = await request(svc.app).post('/api/catalog/sync').set(bearer(shop.token));
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'body' } });
    expect(await itemsOf(shop.tenantId)).toEqual([]);
  });
});
