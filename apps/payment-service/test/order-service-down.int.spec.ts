import { startService } from '@platform/devstack';
import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

describe('order-service down', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  beforeAll(async () => {
    svc = await startPaymentService({ env: { BREAKER_RESET_MS: '1500' } });
    f = paymentFixtures(svc);
  });
  afterAll(() => svc?.stop());

  const breakerState = async () =>
    (await request(svc.app).get('/api/circuit-breaker/status').expect(200)).body.order_service
      .state as string;

  it('POST /api/payments answers 503 and, once the order_service breaker is open, refuses at once without calling; it pays again after order-service returns', async () => {
    const { buyer, body } = await f.orderToPay();
    await svc.orders.stop();

    for (let i = 0; i < 3 && (await breakerState()) !== 'open'; i++) {
      const res = await f.pay(buyer.token, body()).expect(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect(await breakerState()).toBe('open');
    const refused = await f.pay(buyer.token, body()).expect(503);
    expect(refused.body.error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/circuit open/),
    });

    // order-service back on the same address (a fresh database: a new shop and order there)
    const back = await startService('order-service', {
      port: svc.orders.port,
      instance: `test-${svc.prefix.slice(0, -1)}-again`,
      env: {
        MONGO_URL: `${process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017'}/t_order_service_back_${Date.now()}`,
        USER_SERVICE_URL: svc.users.url,
        KAFKA_TOPIC_PREFIX: svc.prefix,
        LOG_LEVEL: 'warn',
      },
    });
    try {
      const again = await f.orderToPay();
      await eventually(async () => (await f.pay(again.buyer.token, again.body())).status === 201, {
        what: 'the payment to go through once the breaker lets calls again',
      });
      expect(await breakerState()).toBe('closed');
    } finally {
      await back.stop();
    }
  });
});
