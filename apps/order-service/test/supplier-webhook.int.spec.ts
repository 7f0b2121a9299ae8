import { randomUUID } from 'node:crypto';
import { signWebhook } from '@platform/auth';
import request from 'supertest';
import { startOrderService, type OrderService } from './harness';
import { orderOf, placeOrder, shopWithItem } from './orders-fixtures';

const secret = 'a-test-webhook-secret-0123456789';

describe('POST /api/webhooks/supplier', () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService({ env: { SUPPLIER_WEBHOOK_SECRET: secret } })));
  afterAll(() => svc?.stop());

  /** A confirmed (paid) order, ready for the supplier. */
  const confirmedOrder = async () => {
    const shop = await shopWithItem(svc, { price: 20, stock: 5 });
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 1 }] }),
    );
    await svc.svc.orders.deps.orders.transition(order.id, 'pending', 'confirmed', { payment_id: 'p-1' }, []);
    return order.id;
  };
  const statusOf = async (id: string) =>
    ((await svc.db.collection('orders').findOne({ _id: id as never })) as unknown as { status: string })
      .status;
  const deliver = (
    body: object | string,
    opts: { ts?: number; key?: string; signature?: string; omit?: string } = {},
  ) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-supplier-timestamp': ts,
      'x-supplier-signature': opts.signature ?? signWebhook(opts.key ?? secret, ts, raw),
    };
    if (opts.omit) delete headers[opts.omit];
    return request(svc.app).post('/api/webhooks/supplier').set(headers).send(raw);
  };
  const fulfilled = (orderId: string, eventId = randomUUID()) => ({
    event_id: eventId,
    order_id: orderId,
    type: 'order.fulfilled',
    payload: { keys: ['AAAA-BBBB-CCCC'] },
  });

  it('fulfils the order with its keys; the same event again is 409 and changes nothing', async () => {
    const orderId = await confirmedOrder();
    const event = fulfilled(orderId);
    const res = await deliver(event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'order.fulfilled applied' });
    expect(await statusOf(orderId)).toBe('fulfilled');
    const replay = await deliver(event);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('WEBHOOK_REPLAYED');
    // bytes re-serialised differently are not what was signed
    const spaced = JSON.stringify(event, null, 2);
    const ts = String(Math.floor(Date.now() / 1000));
    const res2 = await request(svc.app)
      .post('/api/webhooks/supplier')
      .set({
        'content-type': 'application/json',
        'x-supplier-timestamp': ts,
        'x-supplier-signature': signWebhook(secret, ts, JSON.stringify(event)),
      })
      .send(spaced);
    expect(res2.status).toBe(400);
  });

  it('a failed fulfilment cancels the order', async () => {
    const orderId = await confirmedOrder();
    const res = await deliver({
      event_id: randomUUID(),
      order_id: orderId,
      type: 'order.fulfilment_failed',
      payload: { reason: 'no keys left' },
    });
    expect(res.status).toBe(200);
    expect(await statusOf(orderId)).toBe('cancelled');
  });

  it('refuses a bad signature, an old or future timestamp, and missing fields with 400, changing nothing', async () => {
    const orderId = await confirmedOrder();
    const event = fulfilled(orderId);
    const refused = async (res: request.Response, reason: string | RegExp) => {
      expect(res.status).toBe(400);
      expect(res.body.error.details?.reason ?? res.body.error.code).toMatch(reason);
    };
    await refused(await deliver(event, { key: 'another-secret-0123456789abcdef' }), 'bad signature');
    await refused(
      await deliver(event, { ts: Math.floor(Date.now() / 1000) - 301 }),
      'timestamp outside the tolerance',
    );
    await refused(
      await deliver(event, { ts: Math.floor(Date.now() / 1000) + 301 }),
      'timestamp outside the tolerance',
    );
    await refused(await deliver(event, { omit: 'x-supplier-signature' }), 'missing signature');
    await refused(await deliver(event, { omit: 'x-supplier-timestamp' }), 'missing timestamp');
    const { payload: _p, ...noPayload } = event;
    const invalid = await deliver(noPayload);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
    expect(await statusOf(orderId)).toBe('confirmed');
    // and the event was not spent: the genuine delivery still applies
    expect((await deliver(event)).status).toBe(200);
    expect(await statusOf(orderId)).toBe('fulfilled');
  });
});
