import { eventually, TEST_CARDS } from '@platform/devstack/testing';
import { keys } from '../src/payments/payment-record';
import request from 'supertest';
import { bearer, card, startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

const cardOf = (outcome: string) => Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === outcome)!;

describe('the reconciler: payments whose callback never comes are asked at the gateway', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  beforeAll(async () => {
    svc = await startPaymentService({
      // the slow card answers after 1.5 s, the client gives up after 0.4 s
      env: { GATEWAY_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '300', RECONCILE_INTERVAL_MS: '200' },
      gateway: { slowMs: 1500 },
    });
    f = paymentFixtures(svc);
    await f.gatewayControl({ suppress_callbacks: true });
  });
  afterAll(() => svc?.stop());

  it('with no callbacks at all, approved and declined charges are settled by polling, with their events, and nothing stays processing', async () => {
    const ok = await f.orderToPay();
    const declined = await f.orderToPay();
    const paid = (await f.pay(ok.buyer.token, ok.body()).expect(201)).body;
    const refused = (
      await f.pay(declined.buyer.token, declined.body(card(cardOf('insufficient_funds')))).expect(201)
    ).body;

    await f.waitForPayment(ok.buyer.token, paid.id, 'completed');
    const failed = await f.waitForPayment(declined.buyer.token, refused.id, 'failed');
    expect(failed.errorCode).toBe('INSUFFICIENT_FUNDS');
    await f.waitForOrder(ok.buyer.token, ok.order.id, 'confirmed');
    await f.waitForOrder(declined.buyer.token, declined.order.id, 'failed');
    const events = await f.paymentEvents(paid.id, (t) => t.includes('PaymentCompleted'));
    expect(events.map((e) => e.event_type)).toEqual(['PaymentCompleted']);
    await eventually(async () => (await svc.redis.zcard(keys.processing)) === 0, {
      what: 'no payment processing',
    });
  });

  it('a card refund whose callback never comes is completed by polling, with its PaymentRefunded', async () => {
    const { shop, buyer, body } = await f.orderToPay(9);
    const paid = (await f.pay(buyer.token, body()).expect(201)).body;
    await f.waitForPayment(buyer.token, paid.id, 'completed');
    const refund = await request(svc.app)
      .post(`/api/payments/${paid.id}/refund`)
      .set(bearer(shop.token))
      .send({ amount: 9 })
      .expect(201);
    expect(refund.body.status).toBe('processing');
    const done = await f.waitForPayment(buyer.token, paid.id, 'refunded');
    expect(done.refundedAmount).toBe(9);
    const events = await f.paymentEvents(paid.id, (t) => t.includes('PaymentRefunded'));
    expect(events.map((e) => e.event_type)).toEqual(['PaymentCompleted', 'PaymentRefunded']);
    expect(events[1].data.cause).toBe('requested'); // read from the stored refund by the reconciler
    await eventually(async () => (await svc.redis.zcard(keys.refundsProcessing)) === 0, {
      what: 'no refund processing',
    });
  });

  it('a slow card whose answer timed out is 201 processing, then found at the gateway by its idempotency key and completed: one charge', async () => {
    const { buyer, order, body } = await f.orderToPay();
    const before = (await f.gatewayControl({})).body.charges as number;
    const res = await f.pay(buyer.token, body(card(cardOf('slow')))).expect(201);
    expect(res.body.status).toBe('processing');
    const done = await f.waitForPayment(buyer.token, res.body.id, 'completed');
    expect(done.transactionId).toMatch(/^ch_/);
    await f.waitForOrder(buyer.token, order.id, 'confirmed');
    expect((await f.gatewayControl({})).body.charges).toBe(before + 1);
  });
});
