import { randomBytes } from 'node:crypto';
import { MigrateCartResponseSchema } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { createEvent } from '@platform/messaging';
import { produceRaw, waitForGroupCaughtUp } from '@platform/messaging/testing';
import request from 'supertest';
import { CARTS_CONSUMER_GROUP } from '../src/carts/user-events.consumer';
import { writeMerge } from '../src/carts/migrate-session';
import {
  addToCart,
  addToWishlist,
  cartOf,
  deleteItem,
  newItem,
  quantities,
  setStock,
  wishlistOf,
} from './carts-fixtures';
import { bearer, guest, startOrderService, type OrderService } from './harness';

const session = () => `s_${randomBytes(8).toString('hex')}`;
const ids = (w: { items: { item_id: string }[] }) => w.items.map((i) => i.item_id);

describe('cart and wishlist migration at login (seed 003)', () => {
  let svc: OrderService;
  let shop: Awaited<ReturnType<OrderService['newShop']>>;
  const api = () => request(svc.app);

  beforeAll(async () => {
    svc = await startOrderService();
    shop = await svc.newShop();
  });
  afterAll(() => svc?.stop());

  /**
   * A member with a cart (i1 × 4) and a wishlist (i1); a guest visit with a cart (i1 × 3, i2 × 2,
   * gone × 1, sold × 1) and a wishlist (i1, i2, gone); then `gone` is deleted and `sold` sells out.
   */
  async function scene() {
    const [i1, i2, gone, sold] = [
      await newItem(svc, shop.tenantId, { stock: 5 }),
      await newItem(svc, shop.tenantId, { stock: 10 }),
      await newItem(svc, shop.tenantId),
      await newItem(svc, shop.tenantId),
    ];
    const member = await svc.addMember(shop.admin, 'viewer');
    const user = bearer(member.token);
    await addToCart(svc, user, i1, 4).expect(200);
    await addToWishlist(svc, user, i1).expect(201);
    const s = session();
    const g = guest(shop.tenantId, s);
    for (const [id, n] of [
      [i1, 3],
      [i2, 2],
      [gone, 1],
      [sold, 1],
    ] as const)
      await addToCart(svc, g, id, n).expect(200);
    for (const id of [i1, i2, gone]) await addToWishlist(svc, g, id).expect(201);
    await deleteItem(svc, gone);
    await setStock(svc, sold, 0);
    // both carts are cached now: the migration must drop the entries
    await cartOf(svc, g);
    await cartOf(svc, user);
    await wishlistOf(svc, user);
    return { i1, i2, gone, sold, member, user, s, g };
  }

  const guestDocs = async (s: string) =>
    (await svc.db.collection('carts').countDocuments({ owner: `session:${s}` })) +
    (await svc.db.collection('wishlists').countDocuments({ owner: `session:${s}` }));

  async function expectMigrated(x: Awaited<ReturnType<typeof scene>>) {
    await eventually(async () => quantities(await cartOf(svc, x.user))[x.i2] === 2, {
      what: 'the merged cart',
    });
    expect(quantities(await cartOf(svc, x.user))).toEqual({ [x.i1]: 5, [x.i2]: 2 });
    await eventually(async () => ids(await wishlistOf(svc, x.user)).length === 2, {
      what: 'the merged wishlist',
    });
    expect(ids(await wishlistOf(svc, x.user))).toEqual([x.i1, x.i2]);
    expect((await cartOf(svc, x.g)).lines).toEqual([]);
    expect((await wishlistOf(svc, x.g)).items).toEqual([]);
    expect(await guestDocs(x.s)).toBe(0);
  }

  it('a real login with session_id moves the cart and the wishlist (merge capped by stock, skips, guest deleted)', async () => {
    const x = await scene();
    await request(svc.users.url)
      .post('/api/v1/auth/login')
      .send({ email: x.member.user.email, password: x.member.password, session_id: x.s })
      .expect(200);
    await expectMigrated(x);
  });

  it('POST /api/cart/migrate answers the report; again, or for an unknown session, 404', async () => {
    const x = await scene();
    const res = await api().post('/api/cart/migrate').set(x.user).send({ session_id: x.s }).expect(200);
    expect(MigrateCartResponseSchema.parse(res.body)).toEqual({
      session_id: x.s,
      cart: {
        merged: [{ item_id: x.i1, quantity: 5, capped: true }],
        added: [{ item_id: x.i2, quantity: 2, capped: false }],
        skipped: [
          { item_id: x.gone, reason: 'item_gone' },
          { item_id: x.sold, reason: 'out_of_stock' },
        ],
      },
      wishlist: {
        merged: [],
        added: [{ item_id: x.i2 }],
        skipped: [
          { item_id: x.i1, reason: 'already_in_wishlist' },
          { item_id: x.gone, reason: 'item_gone' },
        ],
      },
    });
    await expectMigrated(x);
    const again = await api().post('/api/cart/migrate').set(x.user).send({ session_id: x.s }).expect(404);
    expect(again.body.error.code).toBe('NOT_FOUND');
    await api().post('/api/cart/migrate').set(x.user).send({ session_id: session() }).expect(404);
  });

  it("POST /api/cart/migrate: signed-in users of the session's shop only; invalid bodies 400", async () => {
    const x = await scene();
    const other = await svc.newShop();
    await api().post('/api/cart/migrate').set(bearer(other.token)).send({ session_id: x.s }).expect(404);
    await api().post('/api/cart/migrate').set(x.g).send({ session_id: x.s }).expect(401);
    await api().post('/api/cart/migrate').send({ session_id: x.s }).expect(401);
    const key = await svc.apiKey(shop.admin);
    await api().post('/api/cart/migrate').set(bearer(key)).send({ session_id: x.s }).expect(403);
    await api().post('/api/cart/migrate').set(x.user).send({ session_id: 'x' }).expect(400);
    await api().post('/api/cart/migrate').set(x.user).send({}).expect(400);
    expect(await guestDocs(x.s)).toBe(2); // nothing moved
  });

  it('the same UserLoggedIn delivered twice merges once', async () => {
    const x = await scene();
    const event = createEvent('UserLoggedIn', {
      aggregateId: x.member.userId,
      tenantId: shop.tenantId,
      data: { user_id: x.member.userId, session_id: x.s, logged_in_at: new Date().toISOString() },
    });
    const message = { key: x.member.userId, value: JSON.stringify(event) };
    await produceRaw(svc.topics.users, [message, message]);
    await waitForGroupCaughtUp(`${svc.prefix}${CARTS_CONSUMER_GROUP}`, svc.topics.users);
    await expectMigrated(x);
  });

  it('a crash after the first write (merge and mark) leaves the merge whole; a retry only deletes the guest data', async () => {
    const x = await scene();
    const deps = svc.svc.carts.deps;
    // the crash: the user's write is done, the guest's documents are not deleted
    const cart = await writeMerge('cart', shop.tenantId, x.s, x.member.userId, deps);
    await writeMerge('wishlist', shop.tenantId, x.s, x.member.userId, deps);
    const stored = await svc.db.collection('carts').findOne({ owner: `user:${x.member.userId}` });
    expect(stored?.entries.map((e: { quantity: number }) => e.quantity)).toEqual([5, 2]);
    expect(await guestDocs(x.s)).toBe(2);

    // the retry (a redelivery would do the same): the stored report, no second merge
    const res = await api().post('/api/cart/migrate').set(x.user).send({ session_id: x.s }).expect(200);
    expect(res.body.cart).toEqual(cart?.report);
    expect(res.body.cart.merged).toEqual([{ item_id: x.i1, quantity: 5, capped: true }]);
    await expectMigrated(x);

    // and a UserLoggedIn arriving after all that changes nothing
    const event = createEvent('UserLoggedIn', {
      aggregateId: x.member.userId,
      tenantId: shop.tenantId,
      data: { user_id: x.member.userId, session_id: x.s, logged_in_at: new Date().toISOString() },
    });
    await produceRaw(svc.topics.users, [{ key: x.member.userId, value: JSON.stringify(event) }]);
    await waitForGroupCaughtUp(`${svc.prefix}${CARTS_CONSUMER_GROUP}`, svc.topics.users);
    await expectMigrated(x);
  });
});
