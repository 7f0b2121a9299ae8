import { randomBytes } from 'node:crypto';
import { WishlistResponseSchema } from '@platform/contracts';
import request from 'supertest';
import { addToWishlist, deleteItem, newItem, wishlistOf } from './carts-fixtures';
import { bearer, guest, startOrderService, type OrderService } from './harness';

const session = () => `s_${randomBytes(8).toString('hex')}`;
const ids = (w: { items: { item_id: string }[] }) => w.items.map((i) => i.item_id);

describe('wishlists (seed 003): guest or signed-in user', () => {
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

  it('adds (201, then 200 for a duplicate), lists with title and price, removes', async () => {
    const a = await newItem(svc, shop.tenantId, { price: 59.99 });
    const b = await newItem(svc, shop.tenantId);
    const g = guest(shop.tenantId, session());
    expect(await wishlistOf(svc, g)).toEqual({ items: [], updated_at: null });
    const first = await addToWishlist(svc, g, a).expect(201);
    expect(WishlistResponseSchema.parse(first.body).items).toEqual([
      expect.objectContaining({
        item_id: a,
        price: 59.99,
        currency: 'EUR',
        title: expect.stringMatching(/^Game /),
      }),
    ]);
    await addToWishlist(svc, g, a).expect(200);
    await addToWishlist(svc, g, b).expect(201);
    expect(ids(await wishlistOf(svc, g))).toEqual([a, b]);
    const del = await api().delete(`/api/wishlist/items/${a}`).set(g).expect(200);
    expect(ids(del.body)).toEqual([b]);
    expect(ids(await wishlistOf(svc, g))).toEqual([b]);
  });

  it('answers 404 for unknown, deleted, foreign items and absent entries; 400 for invalid input', async () => {
    const a = await newItem(svc, shop.tenantId);
    const gone = await newItem(svc, shop.tenantId);
    await deleteItem(svc, gone);
    const foreign = await newItem(svc, other.tenantId);
    const g = guest(shop.tenantId, session());
    for (const id of ['no-such-item', gone, foreign]) await addToWishlist(svc, g, id).expect(404);
    const absent = await api().delete(`/api/wishlist/items/${a}`).set(g).expect(404);
    expect(absent.body.error.code).toBe('NOT_FOUND');
    await api().post('/api/wishlist/items').set(g).send({}).expect(400);
    await api().post('/api/wishlist/items').set(g).send({ item_id: a, extra: 1 }).expect(400);
    await api().delete('/api/wishlist/items/bad%20id').set(g).expect(400);
  });

  it('tenancy: guests per shop and visit, users, admins; API keys 403, nobody 401', async () => {
    const a = await newItem(svc, shop.tenantId);
    const s = session();
    await addToWishlist(svc, guest(shop.tenantId, s), a).expect(201);
    expect(ids(await wishlistOf(svc, guest(shop.tenantId, s)))).toEqual([a]); // cached now
    expect(ids(await wishlistOf(svc, guest(other.tenantId, s)))).toEqual([]);
    await addToWishlist(svc, guest(other.tenantId, s), a).expect(404);

    const member = await svc.addMember(shop.admin, 'developer');
    expect(ids(await wishlistOf(svc, bearer(member.token)))).toEqual([]);
    await addToWishlist(svc, bearer(member.token), a).expect(201);
    expect(ids(await wishlistOf(svc, bearer(shop.token)))).toEqual([]);
    await addToWishlist(svc, bearer(other.token), a).expect(404);
    await api().get('/api/wishlist').set(bearer(other.token)).set('x-tenant-id', shop.tenantId).expect(403);

    const key = await svc.apiKey(shop.admin);
    await api().get('/api/wishlist').set(bearer(key)).expect(403);
    await api().get('/api/wishlist').expect(401);
    await api().post('/api/wishlist/items').send({ item_id: a }).expect(401);
  });

  it('caches under session:{id}:wishlist and drops it on a change', async () => {
    const a = await newItem(svc, shop.tenantId);
    const s = session();
    const g = guest(shop.tenantId, s);
    await wishlistOf(svc, g);
    expect(await svc.svc.redis.get(`session:${s}:wishlist`)).not.toBeNull();
    await addToWishlist(svc, g, a).expect(201);
    expect(await svc.svc.redis.get(`session:${s}:wishlist`)).toBeNull();
    expect(ids(await wishlistOf(svc, g))).toEqual([a]);
  });
});
