import { TEST_CARDS } from '@platform/devstack/testing';
import { card, startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

const cardOf = (outcome: string) => Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === outcome)!;

describe('card payments through the gateway', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  beforeAll(async () => {
    svc = await startPaymentService();
    f = paymentFixtures(svc);
  });
  afterAll(() => svc?.stop());

  it('answers 201 processing, completes on the callback, publishes PaymentCompleted with the card summary, and order-service confirms the order', async () => {
    const { buyer, order, body } = await f.orderToPay(25.99);
    const res = await f.pay(buyer.token, body(card('4242424242424242'))).expect(201);
    expect(res.body).toMatchObject({
      orderId: order.id,
      userId: buyer.userId,
      amount: 25.99,
      currency: order.currency,
      status: 'processing',
      paymentMethod: { type: 'credit_card', brand: 'visa', last4: '4242' },
    });
    expect(res.body.id).toMatch(/^pay_/);

    const done = await f.waitForPayment(buyer.token, res.body.id, 'completed');
    expect(done.transactionId).toMatch(/^ch_/);
    expect(done.completedAt).toBeDefined();
    const events = await f.paymentEvents(res.body.id, (t) => t.includes('PaymentCompleted'));
    expect(events.map((e) => e.event_type)).toEqual(['PaymentCompleted']);
    expect(events[0].data).toMatchObject({
      payment_id: res.body.id,
      order_id: order.id,
      user_id: buyer.userId,
      amount: 25.99,
      transaction_id: done.transactionId,
      payment_method: { type: 'credit_card', brand: 'visa', last4: '4242' },
    });
    await f.waitForOrder(buyer.token, order.id, 'confirmed');
  });

  it('a card declined for insufficient funds fails the payment with INSUFFICIENT_FUNDS, PaymentFailed, and the order fails', async () => {
    const { buyer, order, body } = await f.orderToPay();
    const res = await f.pay(buyer.token, body(card(cardOf('insufficient_funds')))).expect(201);
    const failed = await f.waitForPayment(buyer.token, res.body.id, 'failed');
    expect(failed.errorCode).toBe('INSUFFICIENT_FUNDS');
    expect(failed.failureReason).toMatch(/insufficient funds/i);
    const events = await f.paymentEvents(res.body.id, (t) => t.includes('PaymentFailed'));
    expect(events.map((e) => e.event_type)).toEqual(['PaymentFailed']);
    expect(events[0].data).toMatchObject({ error_code: 'INSUFFICIENT_FUNDS', order_id: order.id });
    await f.waitForOrder(buyer.token, order.id, 'failed');
  });

  it('a card declined as stolen is reported to the buyer as CARD_DECLINED, never as stolen', async () => {
    const { buyer, body } = await f.orderToPay();
    const res = await f.pay(buyer.token, body(card(cardOf('stolen_card')))).expect(201);
    const failed = await f.waitForPayment(buyer.token, res.body.id, 'failed');
    expect(failed.errorCode).toBe('CARD_DECLINED');
    const events = await f.paymentEvents(res.body.id, (t) => t.includes('PaymentFailed'));
    expect(events[0].data).toMatchObject({ error_code: 'CARD_DECLINED' });
    expect(JSON.stringify([failed, events])).not.toMatch(/stolen/i);
  });

  it('a processing error at the gateway is 503 with nothing charged; the order stays pending and can be paid again', async () => {
    const { buyer, order, body } = await f.orderToPay();
    const res = await f.pay(buyer.token, body(card(cardOf('processing_error')))).expect(503);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect((await svc.readOrder(buyer.token, order.id)).status).toBe('pending');

    const again = await f.pay(buyer.token, body(card('5555555555554444'))).expect(201);
    expect(again.body.paymentMethod).toMatchObject({ brand: 'mastercard', last4: '4444' });
    await f.waitForPayment(buyer.token, again.body.id, 'completed');
    await f.waitForOrder(buyer.token, order.id, 'confirmed');
  });

  it('two payments of one order at once: exactly one 201, the other PAY_003, and the gateway sees one charge', async () => {
    const { buyer, body } = await f.orderToPay();
    const before = (await f.gatewayControl({})).body.charges as number;
    const answers = await Promise.all([f.pay(buyer.token, body()), f.pay(buyer.token, body())]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('PAY_003');
    expect((await f.gatewayControl({})).body.charges).toBe(before + 1);

    // and once paid, another payment of it is PAY_003 as well
    const paid = answers.find((a) => a.status === 201)!.body;
    await f.waitForPayment(buyer.token, paid.id, 'completed');
    await f.waitForOrder(buyer.token, paid.orderId, 'confirmed');
    expect((await f.pay(buyer.token, body()).expect(409)).body.error.code).toBe('PAY_003');
  });

  it('Idempotency-Key: the same request again is the same payment (200, one charge); another body with the key is 409', async () => {
    const { buyer, body } = await f.orderToPay();
    const key = { 'idempotency-key': `pay-${Date.now()}-key` };
    const before = (await f.gatewayControl({})).body.charges as number;
    const first = await f.pay(buyer.token, body(), key).expect(201);
    const second = await f.pay(buyer.token, body(), key).expect(200);
    expect(second.body.id).toBe(first.body.id);
    expect((await f.gatewayControl({})).body.charges).toBe(before + 1);

    const other = await f.pay(buyer.token, { ...body(card('5555555555554444')) }, key).expect(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });
});
