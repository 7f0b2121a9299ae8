import { randomUUID } from 'node:crypto';
import { eventSchema, isKnownEventType } from '@platform/contracts';
import { readTopic } from '@platform/messaging/testing';
import request from 'supertest';
import { createItemAs } from './catalog-fixtures';
import { bearer, startOrderService, type OrderService } from './harness';

describe('catalog: item events on item.events and atomic stock (real FerretDB, Kafka)', () => {
  let svc: OrderService;
  let shop: Awaited<ReturnType<OrderService['newShop']>>;
  beforeAll(async () => {
    svc = await startOrderService();
    shop = await svc.newShop();
  });
  afterAll(() => svc?.stop());

  it('publishes ItemCreated, ItemUpdated, ItemPriceChanged, StockChanged and ItemDeleted, each valid by its contract', async () => {
    const item = await createItemAs(svc, shop.token, { price: 10, stock: 5 });
    await request(svc.app)
      .put(`/api/items/${item.item_id}`)
      .set(bearer(shop.token))
      .send({ title: 'Renamed', price: 12.5, stock: 8 })
      .expect(200);
    expect(await svc.svc.catalog.items.reserveStock(shop.tenantId, item.item_id, 3, 'order-1')).toEqual({
      ok: true,
      stock: 5,
    });
    await request(svc.app).delete(`/api/items/${item.item_id}`).set(bearer(shop.token)).expect(204);

    const expected = [
      'ItemCreated',
      'ItemUpdated',
      'ItemPriceChanged',
      'StockChanged',
      'StockChanged',
      'ItemDeleted',
    ];
    const ours = (ms: Awaited<ReturnType<typeof readTopic>>) =>
      ms.filter((m) => m.key === item.item_id).map((m) => m.json<{ event_type: string }>());
    const messages = await readTopic(svc.topics.items, (ms) => ours(ms).length >= expected.length);
    const events = ours(messages).map((e) => {
      if (!isKnownEventType(e.event_type)) throw new Error(`unknown event ${e.event_type}`);
      return eventSchema(e.event_type).parse(e);
    });
    expect(events.map((e) => e.event_type)).toEqual(expected);
    for (const e of events) expect(e).toMatchObject({ aggregate_type: 'item', tenant_id: shop.tenantId });
    const data = events.map((e) => e.data as Record<string, unknown>);
    expect(data[0]).toMatchObject({
      item_id: item.item_id,
      owner_id: shop.admin.user.id,
      title: item.title,
      description: item.description,
      category: 'home-office',
      tags: ['light', 'desk'],
      price: 10,
      currency: 'USD',
    });
    expect(data[1]).toMatchObject({
      title: 'Renamed',
      price: 12.5,
      changed: expect.arrayContaining(['title', 'stock']),
    });
    expect(data[2]).toEqual({ item_id: item.item_id, old_price: 10, new_price: 12.5, currency: 'USD' });
    expect(data[3]).toEqual({ item_id: item.item_id, stock: 8, delta: 3, reason: 'manual' });
    expect(data[4]).toEqual({ item_id: item.item_id, delta: -3, reason: 'order' });
    expect(data[5]).toMatchObject({ item_id: item.item_id });
  });

  it('50 concurrent reservations of 1 on a stock of 10: exactly 10 succeed, stock ends at 0', async () => {
    const item = await createItemAs(svc, shop.token, { stock: 10 });
    const items = svc.svc.catalog.items;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => items.reserveStock(shop.tenantId, item.item_id, 1, `order-${i}`)),
    );
    expect(results.filter((r) => r?.ok)).toHaveLength(10);
    expect(results.filter((r) => r && !r.ok)).toHaveLength(40);
    expect((await items.findItem(shop.tenantId, item.item_id))?.stock).toBe(0);
    // each refusal says what was short: nothing
    expect(results.flatMap((r) => (r && !r.ok ? [r.stock] : []))).toEqual(Array(40).fill(0));
    const holder = `order-${results.findIndex((r) => r?.ok)}`;
    expect(await items.releaseHold(shop.tenantId, item.item_id, 1, holder, 'order_released')).toBe(1);
  });

  it('a reservation asked twice for one order (its answer lost) takes the units once; its release gives them back once', async () => {
    const item = await createItemAs(svc, shop.token, { stock: 5 });
    const items = svc.svc.catalog.items;
    const stock = async () => (await items.findItem(shop.tenantId, item.item_id))?.stock;
    expect(await items.reserveStock(shop.tenantId, item.item_id, 2, 'order-a')).toEqual({
      ok: true,
      stock: 3,
    });
    expect(await items.reserveStock(shop.tenantId, item.item_id, 2, 'order-a')).toEqual({
      ok: true,
      stock: 3,
    });
    expect(await items.reserveStock(shop.tenantId, item.item_id, 2, 'order-b')).toEqual({
      ok: true,
      stock: 1,
    });
    // the hold is the item's bookkeeping, never part of what readers get
    expect(await items.findItem(shop.tenantId, item.item_id)).not.toHaveProperty('holds');
    // a release for an order that holds nothing gives nothing
    expect(await items.releaseHold(shop.tenantId, item.item_id, 2, 'order-c', 'order_released')).toBeNull();
    expect(await items.releaseHold(shop.tenantId, item.item_id, 2, 'order-a', 'order_released')).toBe(3);
    expect(await items.releaseHold(shop.tenantId, item.item_id, 2, 'order-a', 'order_released')).toBeNull();
    expect(await stock()).toBe(3);
    // paid: the hold goes, the units stay sold; a restock puts them back
    await items.dropHold(shop.tenantId, item.item_id, 'order-b');
    expect(await items.releaseHold(shop.tenantId, item.item_id, 2, 'order-b', 'order_released')).toBeNull();
    expect(await stock()).toBe(3);
    expect(await items.restock(shop.tenantId, item.item_id, 2, 'order-b', 'order_cancelled')).toBe(5);
  });

  it('reserveStock: null for an item of another tenant or a deleted one, not-ok with the stock left when short', async () => {
    const item = await createItemAs(svc, shop.token, { stock: 2 });
    const other = await svc.newShop();
    const items = svc.svc.catalog.items;
    expect(await items.reserveStock(other.tenantId, item.item_id, 1, 'order-1')).toBeNull();
    expect(await items.reserveStock(shop.tenantId, item.item_id, 3, 'order-1')).toEqual({
      ok: false,
      stock: 2,
    });
    expect(await items.findItems(shop.tenantId, [item.item_id, 'missing'])).toHaveLength(1);
    expect(await items.findItems(other.tenantId, [item.item_id])).toHaveLength(0);
    await request(svc.app).delete(`/api/items/${item.item_id}`).set(bearer(shop.token)).expect(204);
    expect(await items.reserveStock(shop.tenantId, item.item_id, 1, 'order-2')).toBeNull();
    expect(await items.releaseHold(shop.tenantId, item.item_id, 1, 'order-2', 'order_released')).toBeNull();
  });

  it('one item per supplier product in a shop; items without a supplier do not collide', async () => {
    const items = svc.svc.catalog.items;
    const other = await svc.newShop();
    const now = new Date();
    const doc = (id: string, tenantId: string, productId?: string) => ({
      _id: id,
      tenant_id: tenantId,
      title: 't',
      description: '',
      category: 'games',
      tags: [],
      price_cents: 100,
      currency: 'USD',
      stock: 1,
      owner_id: 'supplier-sync',
      ...(productId ? { supplier: { product_id: productId, synced_at: now } } : {}),
      deleted_at: null,
      created_at: now,
      updated_at: now,
    });
    const model = items.model;
    const product = `p-${Date.now()}`;
    await model.create([doc(randomUUID(), shop.tenantId), doc(randomUUID(), shop.tenantId)]);
    await model.create(doc(randomUUID(), shop.tenantId, product));
    await model.create(doc(randomUUID(), other.tenantId, product)); // another shop: its own copy
    await expect(model.create(doc(randomUUID(), shop.tenantId, product))).rejects.toMatchObject({
      code: 11000,
    });
  });
});
