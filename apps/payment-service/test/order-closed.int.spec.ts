import { randomUUID } from 'node:crypto';
import { createEvent } from '@platform/messaging';
import { produceRaw, readTopic, waitForGroupCaughtUp } from '@platform/messaging/testing';
import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { keys } from '../src/payments/payment-record';
import { bearer, startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

describe('closed orders are refunded (order.events: OrderCancelled, OrderExpired)', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  let group: string;
  beforeAll(async () => {
    svc = await startPaymentService();
    f = paymentFixtures(svc);
    group = `${svc.prefix}${svc.config.CONSUMER_GROUP}.orders`;
  });
  afterAll(() => svc?.stop());

  const refundsOf = <E extends { event_type: string }>(events: E[]) =>
    events.filter((e) => e.event_type === 'PaymentRefunded');

  it('OrderCancelled of a paid order refunds it in full, once, even when the event is delivered twice', async () => {
    const { buyer, order, body } = await f.orderToPay(12.5);
    const payment = (await f.pay(buyer.token, body()).expect(201)).body;
    await f.waitForPayment(buyer.token, payment.id, 'completed');
    await f.waitForOrder(buyer.token, order.id, 'confirmed');

    await request(svc.orders.url).post(`/api/orders/${order.id}/cancel`).set(bearer(buyer.token)).expect(200);
    const refunded = await f.waitForPayment(buyer.token, payment.id, 'refunded');
    expect(refunded.refundedAmount).toBe(12.5);

    // the same OrderCancelled once more, as a redelivery would bring it
    const cancelled = (
      await readTopic(svc.topics.orders, (msgs) =>
        msgs.some(
          (m) =>
            m.json<{ event_type: string; aggregate_id: string }>().event_type === 'OrderCancelled' &&
            m.key === order.id,
        ),
      )
    ).find((m) => m.key === order.id && m.json<{ event_type: string }>().event_type === 'OrderCancelled')!;
    await produceRaw(svc.topics.orders, [{ key: cancelled.key, value: cancelled.value }]);
    await waitForGroupCaughtUp(group, svc.topics.orders);

    const events = await f.paymentEvents(payment.id, (t) => t.includes('PaymentRefunded'));
    expect(refundsOf(events)).toHaveLength(1);
    expect(refundsOf(events)[0].data).toMatchObject({
      amount: 12.5,
      refunded_total: 12.5,
      order_id: order.id,
      cause: 'order_cancelled',
    });
    expect(await svc.redis.llen(keys.paymentRefunds(payment.id))).toBe(1);
  });

  it('a charge that completes after its order expired is completed, published, then refunded in full', async () => {
    await f.gatewayControl({ suppress_callbacks: true });
    const { shop, buyer, order, body } = await f.orderToPay(8);
    const payment = (await f.pay(buyer.token, body()).expect(201)).body;
    const chargeId = (await svc.redis.hget(keys.payment(payment.id), 'charge_id'))!;
    // the gateway has charged the card, but its callback has not come yet
    await eventually(
      async () =>
        (await request(svc.gateway.url).get(`/charges/${chargeId}`).set(bearer(svc.gateway.apiKey))).body
          .status === 'succeeded',
      { what: 'the charge to succeed at the gateway' },
    );
    await f.gatewayControl({ suppress_callbacks: false });

    const expired = createEvent('OrderExpired', {
      aggregateId: order.id,
      tenantId: shop.tenantId,
      data: { order_id: order.id, user_id: buyer.userId, expired_at: new Date().toISOString() },
    });
    await produceRaw(svc.topics.orders, [{ key: order.id, value: JSON.stringify(expired) }]);
    await waitForGroupCaughtUp(group, svc.topics.orders);
    expect(await svc.redis.exists(keys.orderClosed(order.id))).toBe(1);
    expect((await f.readPayment(buyer.token, payment.id)).status).toBe('processing');

    await f
      .sendCallback({
        event_id: `evt_${randomUUID()}`,
        type: 'charge.succeeded',
        charge_id: chargeId,
        amount: 800,
        currency: order.currency,
        metadata: { payment_id: payment.id },
        occurred_at: new Date().toISOString(),
      })
      .expect(200);
    const done = await f.waitForPayment(buyer.token, payment.id, 'refunded');
    expect(done.refundedAmount).toBe(8);
    const events = await f.paymentEvents(payment.id, (t) => t.includes('PaymentRefunded'));
    expect(events.map((e) => e.event_type)).toEqual(['PaymentCompleted', 'PaymentRefunded']);
    expect(events[1].data.cause).toBe('order_closed');
    expect(await svc.redis.zcard(keys.refundDue)).toBe(0);
  });
});
