import { randomUUID } from 'node:crypto';
import { createServiceTokens, notificationSecretKey, openSecret } from '@platform/auth';
import {
  ErrorEnvelopeSchema,
  eventSchema,
  InternalOrderResponseSchema,
  PromoCodeResponseSchema,
  type EventType,
} from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { produceRaw, readTopic, waitForGroupCaughtUp } from '@platform/messaging/testing';
import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, startOrderService, type OrderService } from './harness';
import { holdsOf, orderOf, placeOrder, shopWithItem, stockOf } from './orders-fixtures';

const codeOf = (res: { body: unknown }) => ErrorEnvelopeSchema.parse(res.body).error.code;

describe('Order lifecycle: payment events, status changes, fulfilment, promo codes', () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService()));
  afterAll(() => svc?.stop());

  const statusOf = async (id: string) =>
    ((await svc.db.collection('orders').findOne({ _id: id as never })) as unknown as { status: string })
      .status;
  const newOrder = async (stock = 5, quantity = 2) => {
    const shop = await shopWithItem(svc, { price: 12.5, stock });
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity }] }),
    );
    return { shop, order };
  };
  const produce = (event: { aggregate_id: string }) =>
    produceRaw(svc.topics.payments, [{ key: event.aggregate_id, value: JSON.stringify(event) }]);
  const orderEvent = async (orderId: string, type: EventType) => {
    const found = (
      await readTopic(svc.topics.orders, (ms) =>
        ms.some((m) => m.key === orderId && m.headers.event_type === type),
      )
    ).filter((m) => m.key === orderId && m.headers.event_type === type);
    return found.map((m) => m.json());
  };

  it('PaymentCompleted confirms the order (OrderConfirmed with what the receipt shows); a redelivery changes nothing', async () => {
    const { shop, order } = await newOrder();
    const { itemId } = shop;
    const payment = createEvent('PaymentCompleted', {
      aggregateId: `pay-${randomUUID()}`,
      tenantId: shop.tenantId,
      data: {
        payment_id: `pay-${randomUUID()}`,
        order_id: order.id,
        user_id: order.userId,
        amount: 25,
        currency: 'USD',
        transaction_id: 'txn-1',
        payment_method: { type: 'credit_card', brand: 'visa', last4: '4242' },
        completed_at: new Date().toISOString(),
      },
    });
    await produce(payment);
    await eventually(async () => (await statusOf(order.id)) === 'confirmed', { what: 'the order confirmed' });
    await produce(payment); // redelivered: same event_id
    const failed = createEvent('PaymentFailed', {
      aggregateId: payment.aggregate_id,
      tenantId: shop.tenantId,
      data: {
        payment_id: payment.data.payment_id,
        order_id: order.id,
        user_id: order.userId,
        amount: order.totalAmount,
        currency: order.currency,
        reason: 'late',
        error_code: 'X',
        failed_at: new Date().toISOString(),
      },
    });
    await produce(failed); // for an order in another state: logged, nothing changes
    const [confirmed] = await orderEvent(order.id, 'OrderConfirmed');
    expect(eventSchema('OrderConfirmed').parse(confirmed).data).toMatchObject({
      order_id: order.id,
      payment_id: payment.data.payment_id,
      subtotal: 25,
      discount: 0,
      total_amount: 25,
      payment_method: { type: 'credit_card', brand: 'visa', last4: '4242' },
      items: [{ product_id: itemId, name: expect.stringMatching(/^Item /), quantity: 2, price: 12.5 }],
    });
    // both read and handled (as no-ops) once the group has caught up with the topic
    await waitForGroupCaughtUp(`${svc.prefix}order-service.orders`, svc.topics.payments);
    const doc = (await svc.db.collection('orders').findOne({ _id: order.id as never })) as unknown as {
      processed_events?: string[];
    };
    expect(doc.processed_events).toEqual([payment.event_id]);
    expect(await statusOf(order.id)).toBe('confirmed');
    const all = await readTopic(svc.topics.orders, (ms) => ms.some((m) => m.key === order.id));
    expect(all.filter((m) => m.key === order.id).map((m) => m.headers.event_type)).toEqual([
      'OrderCreated',
      'OrderConfirmed',
    ]);
    const got = await request(svc.app).get(`/api/orders/${order.id}`).set(bearer(shop.member.token));
    expect(got.body).toMatchObject({ status: 'confirmed', paymentId: payment.data.payment_id });
  });

  it('PaymentFailed fails the order and gives its stock back (OrderFailed)', async () => {
    const { shop, order } = await newOrder(5, 2);
    expect(await stockOf(svc, shop.itemId)).toBe(3);
    const failed = createEvent('PaymentFailed', {
      aggregateId: `pay-${randomUUID()}`,
      tenantId: shop.tenantId,
      data: {
        payment_id: 'pay-x',
        order_id: order.id,
        user_id: order.userId,
        amount: order.totalAmount,
        currency: order.currency,
        reason: 'Insufficient funds',
        error_code: 'INSUFFICIENT_FUNDS',
        failed_at: new Date().toISOString(),
      },
    });
    await produce(failed);
    await eventually(async () => (await statusOf(order.id)) === 'failed', { what: 'the order failed' });
    await eventually(async () => (await stockOf(svc, shop.itemId)) === 5, { what: 'the stock back' });
    await produce(failed);
    const [event] = await orderEvent(order.id, 'OrderFailed');
    expect(eventSchema('OrderFailed').parse(event).data).toMatchObject({
      order_id: order.id,
      reason: 'Insufficient funds',
    });
    await waitForGroupCaughtUp(`${svc.prefix}order-service.orders`, svc.topics.payments);
    expect(await orderEvent(order.id, 'OrderFailed')).toHaveLength(1);
    expect(await stockOf(svc, shop.itemId)).toBe(5);
  });

  it('PUT status: an admin or payment-service moves along legal transitions only (ORDER_004), others are refused', async () => {
    const { shop, order } = await newOrder();
    const put = (auth: Record<string, string>, body: object) =>
      request(svc.app).put(`/api/orders/${order.id}/status`).set(auth).send(body);
    const service = bearer(
      createServiceTokens(svc.config.SERVICE_TOKEN_SECRET).token('payment-service', 'order-service'),
    );
    const stranger = bearer(
      createServiceTokens(svc.config.SERVICE_TOKEN_SECRET).token('ml-engine', 'order-service'),
    );
    expect((await put(bearer(shop.member.token), { status: 'confirmed', paymentId: 'p1' })).status).toBe(403);
    expect((await put(stranger, { status: 'confirmed', paymentId: 'p1' })).status).toBe(403);
    expect((await put(service, { status: 'confirmed' })).status).toBe(400); // confirming needs the payment
    const illegal = await put(bearer(shop.token), { status: 'fulfilled' });
    expect([illegal.status, codeOf(illegal)]).toEqual([409, 'ORDER_004']);
    expect(await holdsOf(svc, shop.itemId)).toEqual([order.id]);
    const confirmed = await put(service, { status: 'confirmed', paymentId: 'pay-456' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', paymentId: 'pay-456' });
    // paid: the units are sold, the order holds nothing any more
    expect(await holdsOf(svc, shop.itemId)).toEqual([]);
    expect(await stockOf(svc, shop.itemId)).toBe(3);
    const other = await svc.newShop();
    expect(codeOf(await put(bearer(other.token), { status: 'cancelled' }))).toBe('ORDER_003');
    // cancelling a paid order names the payment, for payment-service to refund it
    const cancel = await request(svc.app)
      .post(`/api/orders/${order.id}/cancel`)
      .set(bearer(shop.member.token));
    expect(cancel.status).toBe(200);
    expect(await stockOf(svc, shop.itemId)).toBe(5); // back on sale, once
    await svc.svc.orders.sweeper.sweep();
    expect(await stockOf(svc, shop.itemId)).toBe(5);
    const [event] = await orderEvent(order.id, 'OrderCancelled');
    expect(eventSchema('OrderCancelled').parse(event).data).toMatchObject({
      previous_status: 'confirmed',
      payment_id: 'pay-456',
    });
    expect(codeOf(await put(bearer(shop.token), { status: 'fulfilled' }))).toBe('ORDER_004');
  });

  it('the supplier fulfils a confirmed order with keys kept off events; a failed fulfilment cancels it', async () => {
    const { order } = await newOrder();
    const { order: other } = await newOrder();
    const { fulfilment } = svc.svc.orders;
    await expect(fulfilment.fulfil(order.id, ['KEY-1'], randomUUID())).rejects.toMatchObject({
      code: 'ORDER_004',
    });
    for (const id of [order.id, other.id])
      await svc.svc.orders.deps.orders.transition(id, 'pending', 'confirmed', { payment_id: 'p' }, []);
    const eventId = randomUUID();
    await fulfilment.fulfil(order.id, ['KEY-1', 'KEY-2'], eventId);
    await fulfilment.fulfil(order.id, ['KEY-1', 'KEY-2'], eventId); // the same webhook again: nothing
    expect(await statusOf(order.id)).toBe('fulfilled');
    const doc = (await svc.db.collection('orders').findOne({ _id: order.id as never })) as unknown as {
      fulfilment_keys: string[];
    };
    expect(doc.fulfilment_keys).toEqual(['KEY-1', 'KEY-2']);
    const fulfilled = await orderEvent(order.id, 'OrderFulfilled');
    expect(fulfilled).toHaveLength(1);
    const event = eventSchema('OrderFulfilled').strict().parse(fulfilled[0]);
    expect(event.data).toEqual({
      order_id: order.id,
      user_id: order.userId,
      sealed_keys: expect.objectContaining({ alg: 'A256GCM' }),
      fulfilled_at: expect.any(String),
    });
    expect(JSON.stringify(fulfilled)).not.toContain('KEY-1');
    // only notification-worker's key opens them, and only for this event and order
    const key = notificationSecretKey(svc.config.NOTIFICATION_SECRET_KEY);
    expect(JSON.parse(openSecret(key, event.data.sealed_keys!, [event.event_id, order.id]))).toEqual({
      keys: ['KEY-1', 'KEY-2'],
    });
    expect(() => openSecret(key, event.data.sealed_keys!, [randomUUID(), order.id])).toThrow();
    await fulfilment.failFulfilment(other.id, 'out of keys', randomUUID());
    expect(await statusOf(other.id)).toBe('cancelled');
  });

  it('GET /internal/orders/{id}: payment-service’s token only; the order as a payment checks it', async () => {
    const { shop, order } = await newOrder(5, 2);
    const get = (id: string, auth: Record<string, string> = {}) =>
      request(svc.app).get(`/internal/orders/${id}`).set(auth);
    const tokens = createServiceTokens(svc.config.SERVICE_TOKEN_SECRET);
    const payments = bearer(tokens.token('payment-service', 'order-service'));
    const got = await get(order.id, payments);
    expect(got.status).toBe(200);
    const { traceparent, ...checked } = InternalOrderResponseSchema.strict().parse(got.body);
    expect(checked).toEqual({
      id: order.id,
      tenant_id: shop.tenantId,
      user_id: order.userId,
      status: 'pending',
      total_amount: 25,
      currency: 'USD',
    });
    // the trace of the request that created the order (its OrderCreated's too): the payment continues it
    const [created] = (await readTopic(svc.topics.orders, (ms) => ms.some((m) => m.key === order.id))).filter(
      (m) => m.key === order.id && m.headers.event_type === 'OrderCreated',
    );
    expect(traceparent?.split('-')[1]).toBe(created.headers.traceparent.split('-')[1]);
    expect((await get(order.id)).status).toBe(401);
    expect((await get(order.id, bearer(`${tokens.token('payment-service', 'order-service')}x`))).status).toBe(
      401,
    );
    expect((await get(order.id, bearer(shop.token))).status).toBe(403);
    expect((await get(order.id, bearer(tokens.token('ml-engine', 'order-service')))).status).toBe(403);
    expect(codeOf(await get(randomUUID(), payments))).toBe('ORDER_003');
    expect((await get('not-a-uuid', payments)).status).toBe(400);
    // a paid order names its payment
    await svc.svc.orders.deps.orders.transition(
      order.id,
      'pending',
      'confirmed',
      { payment_id: 'pay-1' },
      [],
    );
    expect((await get(order.id, payments)).body).toMatchObject({ status: 'confirmed', payment_id: 'pay-1' });
    // an order still reserving its stock is not there yet
    await svc.db
      .collection('orders')
      .updateOne({ _id: order.id as never }, { $set: { status: 'reserving' } });
    expect((await get(order.id, payments)).status).toBe(404);
  });

  it('promo codes: admins create them; percent and fixed discounts; unknown, expired and spent codes are 400 naming the code', async () => {
    const shop = await shopWithItem(svc, { price: 40, stock: 50 });
    const create = (token: string, body: object) =>
      request(svc.app).post('/api/promo-codes').set(bearer(token)).send(body);
    expect((await create(shop.member.token, { code: 'NOPE10', percentOff: 10 })).status).toBe(403);
    const ten = await create(shop.token, { code: 'SAVE10', percentOff: 10, maxUses: 1 });
    expect(ten.status).toBe(201);
    expect(PromoCodeResponseSchema.parse(ten.body)).toMatchObject({ code: 'SAVE10', uses: 0, maxUses: 1 });
    expect((await create(shop.token, { code: 'SAVE10', percentOff: 5 })).status).toBe(409);
    expect((await create(shop.token, { code: 'BOTH', percentOff: 5, amountOff: 1 })).status).toBe(400);
    await create(shop.token, { code: 'FIVE', amountOff: 5, currency: 'USD' }).expect(201);
    await create(shop.token, { code: 'OLD', percentOff: 50, expiresAt: '2020-01-01T00:00:00Z' }).expect(201);
    const items = [{ productId: shop.itemId, quantity: 1 }];
    const first = await placeOrder(svc, shop.member.token, { items, promoCode: 'save10' });
    expect(first.status).toBe(201);
    expect(orderOf(first)).toMatchObject({ subtotal: 40, discount: 4, totalAmount: 36, promoCode: 'SAVE10' });
    const spent = await placeOrder(svc, shop.member.token, { items, promoCode: 'SAVE10' });
    expect([spent.status, codeOf(spent), spent.body.error.message]).toEqual([
      400,
      'PROMO_CODE_INVALID',
      expect.stringContaining('SAVE10'),
    ]);
    const fixed = await placeOrder(svc, shop.member.token, { items, promoCode: 'FIVE' });
    expect(orderOf(fixed)).toMatchObject({ discount: 5, totalAmount: 35 });
    // the receipt shows the code and the discount: OrderConfirmed carries them
    const paymentService = createServiceTokens(svc.config.SERVICE_TOKEN_SECRET).token(
      'payment-service',
      'order-service',
    );
    await request(svc.app)
      .put(`/api/orders/${orderOf(fixed).id}/status`)
      .set(bearer(paymentService))
      .send({ status: 'confirmed', paymentId: 'pay-five' })
      .expect(200);
    const [confirmed] = await orderEvent(orderOf(fixed).id, 'OrderConfirmed');
    expect(eventSchema('OrderConfirmed').parse(confirmed).data).toMatchObject({
      subtotal: 40,
      discount: 5,
      promo_code: 'FIVE',
      total_amount: 35,
    });
    for (const code of ['OLD', 'UNKNOWN1']) {
      const res = await placeOrder(svc, shop.member.token, { items, promoCode: code });
      expect([res.status, res.body.error.details.promo_code]).toEqual([400, code]);
    }
    // cancelling gives the use back: the code works again
    await request(svc.app)
      .post(`/api/orders/${orderOf(first).id}/cancel`)
      .set(bearer(shop.member.token))
      .expect(200);
    expect((await placeOrder(svc, shop.member.token, { items, promoCode: 'SAVE10' })).status).toBe(201);
  });
});
