import { randomUUID } from 'node:crypto';
import { ItemListResponseSchema, ItemResponseSchema } from '@platform/contracts';
import request from 'supertest';
import { createItemAs, newItemBody } from './catalog-fixtures';
import { bearer, guest, startOrderService, type OrderService } from './harness';

describe('catalog: /api/items (real user-service, FerretDB, Redis, Kafka)', () => {
  let svc: OrderService;
  let shop: Awaited<ReturnType<OrderService['newShop']>>;
  let developer: Awaited<ReturnType<OrderService['addMember']>>;
  let viewer: Awaited<ReturnType<OrderService['addMember']>>;
  beforeAll(async () => {
    svc = await startOrderService();
    shop = await svc.newShop();
    developer = await svc.addMember(shop.admin, 'developer');
    viewer = await svc.addMember(shop.admin, 'viewer');
  });
  afterAll(() => svc?.stop());

  const api = () => request(svc.app);

  it('creates an item owned by the caller, with money as a decimal number and cents inside', async () => {
    const item = ItemResponseSchema.parse(await createItemAs(svc, developer.token, { price: 12.5 }));
    expect(item).toMatchObject({
      owner_id: developer.userId,
      price: 12.5,
      category: 'home-office',
      stock: 10,
    });
    const stored = await svc.db.collection('items').findOne({ _id: item.item_id as never });
    expect(stored).toMatchObject({ tenant_id: shop.tenantId, price_cents: 1250, owner_id: developer.userId });
    expect(stored?.deleted_at ?? null).toBeNull();
    const res = await api().get(`/api/items/${item.item_id}`).set(bearer(viewer.token)).expect(200);
    expect(res.body).toEqual(item);
  });

  it('refuses invalid bodies with 400 VALIDATION_ERROR', async () => {
    const bad = [
      { category: 'Home Office' }, // seed 002 §9: lowercase and hyphens
      { category: 'x'.repeat(65) },
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { tags: ['x'.repeat(33)] },
      { price: -1 },
      { price: 1.234 },
      { stock: -1 },
      { currency: 'usd' },
      { title: '' },
      { unknown_field: 1 },
    ];
    for (const extra of bad) {
      const res = await api().post('/api/items').set(bearer(shop.token)).send(newItemBody(extra));
      expect({ extra, status: res.status, code: res.body.error?.code }).toEqual({
        extra,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
    }
    const item = await createItemAs(svc, shop.token);
    await api().put(`/api/items/${item.item_id}`).set(bearer(shop.token)).send({}).expect(400);
    await api().get('/api/items?limit=0').set(bearer(shop.token)).expect(400);
    await api().get('/api/items/not%20an%20id').set(bearer(shop.token)).expect(400);
  });

  it('401 without credentials on writes; 403 for a viewer creating, or changing what it does not own', async () => {
    await api().post('/api/items').send(newItemBody()).expect(401);
    const viewerCreate = await api().post('/api/items').set(bearer(viewer.token)).send(newItemBody());
    expect(viewerCreate.status).toBe(403);
    const mine = await createItemAs(svc, developer.token);
    const otherDev = await svc.addMember(shop.admin, 'developer');
    for (const token of [viewer.token, otherDev.token]) {
      await api().put(`/api/items/${mine.item_id}`).set(bearer(token)).send({ title: 'x' }).expect(403);
      await api().delete(`/api/items/${mine.item_id}`).set(bearer(token)).expect(403);
    }
    await api().put(`/api/items/${mine.item_id}`).send({ title: 'x' }).expect(401);
    const key = await svc.apiKey(shop.admin, ['read', 'write']);
    await api().put(`/api/items/${mine.item_id}`).set(bearer(key)).send({ title: 'x' }).expect(403);
    // the owner and an admin may
    await api()
      .put(`/api/items/${mine.item_id}`)
      .set(bearer(developer.token))
      .send({ title: 'Own' })
      .expect(200);
    const byAdmin = await api().put(`/api/items/${mine.item_id}`).set(bearer(shop.token)).send({ stock: 3 });
    expect(byAdmin.body).toMatchObject({ title: 'Own', stock: 3 });
  });

  it('403 for an owner no longer a developer (made a viewer), on a change and a delete', async () => {
    const dev = await svc.addMember(shop.admin, 'developer');
    const theirs = await createItemAs(svc, dev.token);
    await request(svc.users.url)
      .put(`/api/users/${dev.userId}`)
      .set(bearer(shop.token))
      .send({ role: 'viewer' })
      .expect(200);
    const again = await request(svc.users.url)
      .post('/api/v1/auth/login')
      .send({ email: dev.email, password: dev.password })
      .expect(200);
    const asViewer = (again.body as { access_token: string }).access_token;
    await api().put(`/api/items/${theirs.item_id}`).set(bearer(asViewer)).send({ title: 'x' }).expect(403);
    await api().delete(`/api/items/${theirs.item_id}`).set(bearer(asViewer)).expect(403);
  });

  it('updates, then soft-deletes (204) an item; a deleted item is a 404 everywhere', async () => {
    const item = await createItemAs(svc, developer.token, { image_url: 'https://img.example.com/a.png' });
    const res = await api()
      .put(`/api/items/${item.item_id}`)
      .set(bearer(developer.token))
      .send({ price: 25, tags: ['new'], image_url: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ price: 25, tags: ['new'], title: item.title });
    expect(res.body.image_url).toBeUndefined();
    expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(item.updated_at));

    await api().delete(`/api/items/${item.item_id}`).set(bearer(developer.token)).expect(204);
    await api().get(`/api/items/${item.item_id}`).set(bearer(developer.token)).expect(404);
    await api().delete(`/api/items/${item.item_id}`).set(bearer(developer.token)).expect(404);
    await api().put(`/api/items/${item.item_id}`).set(bearer(shop.token)).send({ stock: 1 }).expect(404);
    const stored = await svc.db.collection('items').findOne({ _id: item.item_id as never });
    expect(stored?.deleted_at).toBeInstanceOf(Date);
    const list = await api().get(`/api/items?owner_id=${developer.userId}`).set(bearer(shop.token));
    expect(list.body.items.map((i: { item_id: string }) => i.item_id)).not.toContain(item.item_id);
  });

  it('lists by owner, category and a case-insensitive text match (regex characters are literal)', async () => {
    const owner = await svc.addMember(shop.admin, 'developer');
    const tag = randomUUID().slice(0, 6);
    const a = await createItemAs(svc, owner.token, { title: `Blue MUG ${tag}`, category: 'kitchen' });
    const b = await createItemAs(svc, owner.token, {
      description: `a mug (large) ${tag}`,
      category: 'gifts',
    });
    const c = await createItemAs(svc, owner.token, { tags: [`MugTag${tag}`], category: 'kitchen' });
    const ids = async (qs: string) => {
      const res = await api().get(`/api/items?${qs}`).set(bearer(viewer.token)).expect(200);
      return ItemListResponseSchema.parse(res.body).items.map((i) => i.item_id);
    };
    expect(await ids(`owner_id=${owner.userId}`)).toEqual([c.item_id, b.item_id, a.item_id]);
    expect(await ids(`owner_id=${owner.userId}&limit=1&offset=1`)).toEqual([b.item_id]);
    expect(await ids(`owner_id=${owner.userId}&category=kitchen`)).toEqual([c.item_id, a.item_id]);
    expect((await ids(`q=mug&owner_id=${owner.userId}`)).sort()).toEqual(
      [a.item_id, b.item_id, c.item_id].sort(),
    );
    expect(await ids(`q=${encodeURIComponent(`(large) ${tag}`)}`)).toEqual([b.item_id]);
    expect(await ids(`q=${encodeURIComponent('.*')}`)).toEqual([]);
  });

  it('tenancy: reads are public within the shop, another shop sees a 404, and nobody unnamed reads', async () => {
    const item = await createItemAs(svc, shop.token);
    const other = await svc.newShop();
    const key = await svc.apiKey(shop.admin);
    const path = `/api/items/${item.item_id}`;
    const status = async (headers: Record<string, string>) => (await api().get(path).set(headers)).status;
    const { 'x-tenant-id': tenantHeader } = guest(shop.tenantId);
    expect({
      guestOfShop: await status({ 'x-tenant-id': tenantHeader }),
      guestWithSession: await status(guest(shop.tenantId)),
      guestNamingOtherShop: await status(guest(other.tenantId)),
      user: await status(bearer(viewer.token)),
      admin: await status(bearer(shop.token)),
      otherAdmin: await status(bearer(other.token)),
      otherAdminNamingShop: await status({ ...bearer(other.token), 'x-tenant-id': shop.tenantId }),
      apiKey: await status(bearer(key)),
      none: await status({}),
    }).toEqual({
      guestOfShop: 200,
      guestWithSession: 200,
      guestNamingOtherShop: 404,
      user: 200,
      admin: 200,
      otherAdmin: 404,
      otherAdminNamingShop: 403,
      apiKey: 200,
      none: 401,
    });
    // the list is scoped the same way
    const listed = async (headers: Record<string, string>) =>
      (await api().get('/api/items').set(headers)).body.items?.map((i: { item_id: string }) => i.item_id);
    expect(await listed(guest(shop.tenantId))).toContain(item.item_id);
    expect(await listed(bearer(other.token))).not.toContain(item.item_id);
    expect((await api().get('/api/items')).status).toBe(401);
    // another shop's admin can neither change nor delete it
    await api().put(path).set(bearer(other.token)).send({ title: 'x' }).expect(404);
    await api().delete(path).set(bearer(other.token)).expect(404);
  });
});
