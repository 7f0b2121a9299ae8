import { bearer, eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { startPaymentService, type PaymentService } from './harness';

/** Redis is payment-service's database: while it is down, requests get a retriable 503, never a 500. */
describe('payment-service while its Redis is down', () => {
  let f: PaymentService;
  beforeAll(async () => {
    f = await startPaymentService();
  });
  afterAll(() => f?.stop());

  it('answers 503 SERVICE_UNAVAILABLE in the error envelope (no driver text), and serves again once it is back', async () => {
    const shop = await f.newShopWithItem();
    const order = await f.createOrder(shop.buyer.token, shop.itemId);
    const auth = bearer(shop.buyer.token);
    const calls = {
      wallet: () => request(f.app).get('/api/wallet').set(auth),
      payments: () => request(f.app).get(`/api/payments/user/${shop.buyer.userId}`).set(auth),
      pay: () =>
        request(f.app)
          .post('/api/payments')
          .set(auth)
          .send({
            orderId: order.id,
            amount: order.totalAmount,
            currency: 'USD',
            paymentMethod: { type: 'wallet' },
          }),
    };
    await calls.wallet().expect(200);
    await calls.payments().expect(200);

    await f.redisServer.stop();
    for (const [name, call] of Object.entries(calls)) {
      const res = await call();
      expect([name, res.status, res.body.error?.code]).toEqual([name, 503, 'SERVICE_UNAVAILABLE']);
      expect(JSON.stringify(res.body)).not.toMatch(/Stream|enableOfflineQueue|closed|127\.0\.0\.1/i);
    }

    await f.redisServer.restart();
    await eventually(async () => (await calls.wallet()).status === 200, { what: 'the wallet again' });
  });
});
