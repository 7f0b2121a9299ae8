import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { keys } from '../src/payments/payment-record';
import { bearer, card, startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

describe('POST /api/webhooks/payment-gateway', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  beforeAll(async () => {
    svc = await startPaymentService();
    f = paymentFixtures(svc);
    // the gateway stays quiet: these tests send the callbacks themselves
    await f.gatewayControl({ suppress_callbacks: true });
  });
  afterAll(() => svc?.stop());

  /** A card payment waiting for its callback, and the charge.succeeded event the gateway would send. */
  const processingPayment = async () => {
    const { buyer, order, body } = await f.orderToPay(10);
    const payment = (await f.pay(buyer.token, body()).expect(201)).body;
    const chargeId = (await svc.redis.hget(keys.payment(payment.id), 'charge_id'))!;
    const succeeded = {
      event_id: `evt_${randomUUID()}`,
      type: 'charge.succeeded',
      charge_id: chargeId,
      amount: 1000,
      currency: order.currency,
      metadata: { payment_id: payment.id },
      occurred_at: new Date().toISOString(),
    };
    return { buyer, order, payment, succeeded };
  };

  it('refuses a bad signature and a timestamp older than 5 minutes with 400, changing nothing', async () => {
    const { buyer, payment, succeeded } = await processingPayment();
    const bad = await f.sendCallback(succeeded, { secret: 'not-the-gateway-secret-at-all' }).expect(400);
    expect(bad.body.error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const old = await f
      .sendCallback(succeeded, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })
      .expect(400);
    expect(old.body.error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await f.readPayment(buyer.token, payment.id)).status).toBe('processing');
    // the refused deliveries did not spend the event: the genuine one still applies
    await f.sendCallback(succeeded).expect(200);
    expect((await f.readPayment(buyer.token, payment.id)).status).toBe('completed');
  });

  it('the same event three times has one effect (409 WEBHOOK_REPLAYED after the first); a second event for the charge changes nothing', async () => {
    const { buyer, order, payment, succeeded } = await processingPayment();
    await f.sendCallback(succeeded).expect(200);
    for (let i = 0; i < 2; i++) {
      const again = await f.sendCallback(succeeded).expect(409);
      expect(again.body.error.code).toBe('WEBHOOK_REPLAYED');
    }
    await f.sendCallback({ ...succeeded, event_id: `evt_${randomUUID()}` }).expect(200);
    await f
      .sendCallback({
        ...succeeded,
        event_id: `evt_${randomUUID()}`,
        type: 'charge.failed',
        failure_code: 'card_declined',
      })
      .expect(200);
    expect((await f.readPayment(buyer.token, payment.id)).status).toBe('completed');
    await f.waitForOrder(buyer.token, order.id, 'confirmed');
    const events = await f.paymentEvents(payment.id, (t) => t.includes('PaymentCompleted'));
    expect(events.map((e) => e.event_type)).toEqual(['PaymentCompleted']);
  });

  it('a charge that succeeds for a payment already failed (the gateway said 5xx) is refunded at the gateway in full', async () => {
    const { buyer, order, body } = await f.orderToPay(7);
    await f.pay(buyer.token, body(card('4000000000000119'))).expect(503);
    const [paymentId] = await svc.redis.zrange(keys.userPayments(buyer.user.tenant_id, buyer.userId), 0, -1);
    expect((await f.readPayment(buyer.token, paymentId)).status).toBe('failed');
    // the gateway charged after all: a charge of that payment, succeeded, announced late
    const gw = (path: string) => request(svc.gateway.url).get(path).set(bearer(svc.gateway.apiKey));
    const charged = await request(svc.gateway.url)
      .post('/charges')
      .set(bearer(svc.gateway.apiKey))
      .send({
        amount: 700,
        currency: order.currency,
        card: { number: '4242424242424242', exp_month: 12, exp_year: 2099, cvc: '123' },
        idempotency_key: `late-${paymentId}`,
      })
      .expect(202);
    const chargeId = charged.body.charge_id as string;
    await eventually(async () => (await gw(`/charges/${chargeId}`)).body.status === 'succeeded');
    await f
      .sendCallback({
        event_id: `evt_${randomUUID()}`,
        type: 'charge.succeeded',
        charge_id: chargeId,
        amount: 700,
        currency: order.currency,
        metadata: { payment_id: paymentId },
        occurred_at: new Date().toISOString(),
      })
      .expect(200);
    expect((await gw(`/charges/${chargeId}`)).body.refunded_amount).toBe(700);
    expect((await f.readPayment(buyer.token, paymentId)).status).toBe('failed');
  });

  it('acknowledges and ignores an event for a charge it does not know (200); an invalid body is 400', async () => {
    const { buyer, payment, succeeded } = await processingPayment();
    const stranger = await f
      .sendCallback({
        ...succeeded,
        event_id: `evt_${randomUUID()}`,
        charge_id: 'ch_someone-else',
        metadata: {},
      })
      .expect(200);
    expect(stranger.body).toMatchObject({ success: true, message: expect.stringMatching(/ignored/) });
    const wrongCharge = await f
      .sendCallback({ ...succeeded, event_id: `evt_${randomUUID()}`, charge_id: 'ch_not-this-payments' })
      .expect(200);
    expect(wrongCharge.body.message).toMatch(/ignored/);
    expect((await f.readPayment(buyer.token, payment.id)).status).toBe('processing');

    const invalid = await f
      .sendCallback({ event_id: `evt_${randomUUID()}`, type: 'charge.succeeded' })
      .expect(400);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
  });
});
