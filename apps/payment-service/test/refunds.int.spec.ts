import { TEST_CARDS } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, card, startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

describe('POST /api/payments/{payment_id}/refund', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  beforeAll(async () => {
    svc = await startPaymentService();
    f = paymentFixtures(svc);
  });
  afterAll(() => svc?.stop());

  const refund = (token: string, paymentId: string, body: object = {}) =>
    request(svc.app).post(`/api/payments/${paymentId}/refund`).set(bearer(token)).send(body);

  /** A card payment of `price`, completed, and its shop. */
  const completedPayment = async (price: number) => {
    const { shop, buyer, body } = await f.orderToPay(price);
    const payment = (await f.pay(buyer.token, body()).expect(201)).body;
    await f.waitForPayment(buyer.token, payment.id, 'completed');
    return { shop, buyer, payment };
  };

  it('partial refunds while they fit, PAY_004 past what is left, the rest without an amount; each confirmed by the gateway with PaymentRefunded', async () => {
    const { shop, buyer, payment } = await completedPayment(30);
    const first = await refund(shop.token, payment.id, { amount: 10, reason: 'One key did not work' }).expect(
      201,
    );
    expect(first.body).toMatchObject({ paymentId: payment.id, amount: 10, status: 'processing' });
    expect(first.body.id).toMatch(/^re_[0-9a-f-]{36}$/);
    const over = await refund(shop.token, payment.id, { amount: 25 }).expect(409);
    expect(over.body.error).toMatchObject({ code: 'PAY_004', details: { remaining: 20 } });

    const rest = await refund(shop.token, payment.id).expect(201);
    expect(rest.body.amount).toBe(20);
    const done = await f.waitForPayment(buyer.token, payment.id, 'refunded');
    expect(done.refundedAmount).toBe(30);
    const events = await f.paymentEvents(
      payment.id,
      (t) => t.filter((x) => x === 'PaymentRefunded').length >= 2,
    );
    const refunded = events.filter((e) => e.event_type === 'PaymentRefunded');
    expect(refunded.map((e) => e.data.refunded_total).sort()).toEqual([10, 30]);
    // the callback that completes a card refund says why from the stored refund
    expect(refunded.map((e) => e.data.cause)).toEqual(['requested', 'requested']);
    expect((await refund(shop.token, payment.id, { amount: 1 }).expect(409)).body.error.code).toBe('PAY_004');
  });

  it('a payment that is not completed cannot be refunded (PAY_004); only an admin of the shop may refund', async () => {
    const declinedCard = Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === 'insufficient_funds')!;
    const { shop, buyer, body } = await f.orderToPay();
    const payment = (await f.pay(buyer.token, body(card(declinedCard))).expect(201)).body;
    await f.waitForPayment(buyer.token, payment.id, 'failed');
    const res = await refund(shop.token, payment.id).expect(409);
    expect(res.body.error).toMatchObject({ code: 'PAY_004', details: { reason: 'not_completed' } });

    const paid = await completedPayment(5);
    await refund(paid.buyer.token, paid.payment.id).expect(403);
    const otherShop = await svc.newShop();
    await refund(otherShop.token, paid.payment.id).expect(404);
  });

  it('concurrent refunds never add up to more than the payment', async () => {
    const { shop, buyer, payment } = await completedPayment(10);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => refund(shop.token, payment.id, { amount: 3 })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'PAY_004')).toBe(true);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(3);
    await f.paymentEvents(payment.id, (t) => t.filter((x) => x === 'PaymentRefunded').length >= 3);
    const after = await f.readPayment(buyer.token, payment.id);
    expect(after).toMatchObject({ status: 'completed', refundedAmount: 9 });
  });

  it('refuses a request without a JSON body and an amount under 0.01 (400), as the document says: {} is the full refund', async () => {
    const { shop, buyer, payment } = await completedPayment(4);
    const bare = await request(svc.app).post(`/api/payments/${payment.id}/refund`).set(bearer(shop.token));
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'body' } });
    // the smallest double passed as positive with two decimals, and was a 500 as 0 cents
    const tiny = await refund(shop.token, payment.id, { amount: 5e-324 });
    expect([tiny.status, tiny.body.error?.details?.field]).toEqual([400, 'amount']);
    expect((await f.readPayment(buyer.token, payment.id)).refundedAmount).toBe(0);
  });
});
