import { randomUUID } from 'node:crypto';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import { type mongo } from 'mongoose';
import { orderIdOf } from '../src/orders/create-order';
import { startOrderService, type OrderService } from './harness';
import { orderOf, placeOrder, shopWithItem, stockOf } from './orders-fixtures';

const codeOf = (res: { body: unknown }) => ErrorEnvelopeSchema.parse(res.body).error.code;

// An order's id is made from its shop and Idempotency-Key, so a resend finds it by _id: on FerretDB any
// other search of orders reads every order.
describe('Orders with an Idempotency-Key', () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService()));
  afterAll(() => svc?.stop());
  const orders = () => svc.db.collection('orders');

  it('an Idempotency-Key gives the same order once; the same key with another body is 409', async () => {
    const shop = await shopWithItem(svc, { stock: 10 });
    const key = { 'idempotency-key': `key-${randomUUID()}` };
    const body = { items: [{ productId: shop.itemId, quantity: 2 }] };
    const first = await placeOrder(svc, shop.member.token, body, key);
    const again = await placeOrder(svc, shop.member.token, body, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(orderOf(again).id).toBe(orderOf(first).id);
    expect(await stockOf(svc, shop.itemId)).toBe(8);
    const other = await placeOrder(
      svc,
      shop.member.token,
      { items: [{ productId: shop.itemId, quantity: 1 }] },
      key,
    );
    expect([other.status, codeOf(other)]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(await orders().countDocuments({ idem: `key:${key['idempotency-key']}` })).toBe(1);
  });

  it('finds the order of a resend by _id: no search of orders by key', async () => {
    const shop = await shopWithItem(svc, { stock: 10 });
    const key = `key-${randomUUID()}`;
    const body = { items: [{ productId: shop.itemId, quantity: 1 }] };
    const sent: mongo.CommandStartedEvent[] = [];
    const client = svc.svc.mongo.getClient();
    const record = (e: mongo.CommandStartedEvent) => sent.push(e);
    client.on('commandStarted', record);
    try {
      expect((await placeOrder(svc, shop.member.token, body, { 'idempotency-key': key })).status).toBe(201);
      const again = await placeOrder(svc, shop.member.token, body, { 'idempotency-key': key });
      expect([again.status, orderOf(again).id]).toEqual([200, orderIdOf(shop.tenantId, `key:${key}`)]);
    } finally {
      client.off('commandStarted', record);
    }
    const finds = sent.filter((e) => e.commandName === 'find' && e.command.find === 'orders');
    expect(finds.length).toBeGreaterThan(0);
    for (const find of finds) expect(find.command.filter).toMatchObject({ _id: expect.any(String) });
  });

  it('a key whose order was abandoned (out of stock) makes a new order once the stock is there', async () => {
    const shop = await shopWithItem(svc, { stock: 1 });
    const key = { 'idempotency-key': `key-${randomUUID()}` };
    const body = { items: [{ productId: shop.itemId, quantity: 2 }] };
    const short = await placeOrder(svc, shop.member.token, body, key);
    expect([short.status, codeOf(short)]).toEqual([409, 'OUT_OF_STOCK']);
    await svc.db.collection('items').updateOne({ _id: shop.itemId as never }, { $set: { stock: 5 } });
    const retried = await placeOrder(svc, shop.member.token, body, key);
    expect(retried.status).toBe(201);
    expect(orderOf(retried)).toMatchObject({ id: orderIdOf(shop.tenantId, `key:${key['idempotency-key']}`) });
    expect(await stockOf(svc, shop.itemId)).toBe(3);
  });

  it('a key an order took before ids came from keys still answers that order', async () => {
    const shop = await shopWithItem(svc, { stock: 10 });
    const key = { 'idempotency-key': `key-${randomUUID()}` };
    const body = { items: [{ productId: shop.itemId, quantity: 1 }] };
    const made = orderOf(await placeOrder(svc, shop.member.token, body, key));
    // the same order under a random id, as an earlier version made it
    const legacyId = randomUUID();
    const doc = await orders().findOne({ _id: made.id as never });
    await orders().deleteOne({ _id: made.id as never });
    await orders().insertOne({ ...doc, _id: legacyId as never });
    const again = await placeOrder(svc, shop.member.token, body, key);
    expect([again.status, orderOf(again).id]).toEqual([200, legacyId]);
    expect(await stockOf(svc, shop.itemId)).toBe(9);
  });
});
