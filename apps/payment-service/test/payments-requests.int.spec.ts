import request from 'supertest';
import { bearer, card, startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

describe('POST /api/payments checks, reads, breaker status and metrics', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  beforeAll(async () => {
    svc = await startPaymentService();
    f = paymentFixtures(svc);
  });
  afterAll(() => svc?.stop());

  it('names the payment method field that is wrong with PAY_001: bad Luhn, expired card, bad CVV, unknown type', async () => {
    const { buyer, body } = await f.orderToPay();
    const cases: [object, string][] = [
      [{ ...card(), cardNumber: '4242424242424241' }, 'paymentMethod.cardNumber'],
      [{ ...card(), expiryMonth: '01', expiryYear: '2020' }, 'paymentMethod.expiryYear'],
      [{ ...card(), cvv: '12' }, 'paymentMethod.cvv'],
      [{ type: 'bitcoin' }, 'paymentMethod.type'],
    ];
    for (const [method, field] of cases) {
      const res = await f.pay(buyer.token, body(method)).expect(400);
      expect(res.body.error).toMatchObject({ code: 'PAY_001', details: { field } });
    }
  });

  it('other invalid fields are 400 VALIDATION_ERROR; no credential is 401', async () => {
    const { buyer, body } = await f.orderToPay();
    const res = await f.pay(buyer.token, { ...body(), orderId: 'not-a-uuid' }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'orderId' } });
    const neg = await f.pay(buyer.token, { ...body(), amount: -5 }).expect(400);
    expect(neg.body.error.code).toBe('VALIDATION_ERROR');
    const anon = await request(svc.app).post('/api/payments').send(body()).expect(401);
    expect(anon.body.error.code).toBe('AUTHENTICATION_FAILED');
  });

  it("another shop's order is 404, and so is another buyer's order for a non-admin", async () => {
    const { body } = await f.orderToPay();
    const other = await svc.newShopWithItem();
    expect((await f.pay(other.buyer.token, body()).expect(404)).body.error.code).toBe('NOT_FOUND');
    const { shop, body: body2 } = await f.orderToPay();
    const sameShop = await svc.addMember(shop.admin, 'viewer');
    await f.pay(sameShop.token, body2()).expect(404);
  });

  it('an amount or currency that is not the order’s is 409 PAYMENT_AMOUNT_MISMATCH with both', async () => {
    const { buyer, order, body } = await f.orderToPay(25.99);
    const res = await f.pay(buyer.token, { ...body(), amount: 20 }).expect(409);
    expect(res.body.error).toMatchObject({
      code: 'PAYMENT_AMOUNT_MISMATCH',
      details: { expected: { amount: 25.99, currency: order.currency }, got: { amount: 20 } },
    });
  });

  it('a buyer deleted since signing in cannot pay: 403, nothing charged, the order still pending', async () => {
    const { shop, buyer, order, body } = await f.orderToPay();
    await request(svc.users.url).delete(`/api/users/${buyer.userId}`).set(bearer(shop.token)).expect(204);
    // the access token still verifies (it lives 15 minutes); user-service's answer decides
    const res = await f.pay(buyer.token, body()).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await svc.redis.get(`order-payment:${order.id}`)).toBeNull();
    expect((await svc.readOrder(shop.token, order.id)).status).toBe('pending');
  });

  it('a cancelled order is 409 ORDER_NOT_PAYABLE', async () => {
    const { buyer, order, body } = await f.orderToPay();
    await request(svc.orders.url).post(`/api/orders/${order.id}/cancel`).set(bearer(buyer.token)).expect(200);
    expect((await f.pay(buyer.token, body()).expect(409)).body.error.code).toBe('ORDER_NOT_PAYABLE');
  });

  it('a payment is shown to its buyer and the shop admin (404 to others); a user’s list pages newest first', async () => {
    const { shop, buyer, body } = await f.orderToPay();
    const paid = (await f.pay(buyer.token, body()).expect(201)).body;
    const done = await f.waitForPayment(buyer.token, paid.id, 'completed');
    expect(done.transactionId).toBeDefined();
    await request(svc.app).get(`/api/payments/${paid.id}`).set(bearer(shop.token)).expect(200);
    const stranger = await svc.addMember(shop.admin, 'viewer');
    await request(svc.app).get(`/api/payments/${paid.id}`).set(bearer(stranger.token)).expect(404);
    await request(svc.app)
      .get('/api/payments/pay_00000000-0000-0000-0000-000000000000')
      .set(bearer(buyer.token))
      .expect(404);

    // a second order of the same buyer, then the list
    const order2 = await svc.createOrder(buyer.token, shop.itemId);
    const second = (
      await f
        .pay(buyer.token, {
          orderId: order2.id,
          amount: order2.totalAmount,
          currency: order2.currency,
          paymentMethod: card(),
        })
        .expect(201)
    ).body;
    const list = await request(svc.app)
      .get(`/api/payments/user/${buyer.userId}?limit=1`)
      .set(bearer(buyer.token))
      .expect(200);
    expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(list.body.payments.map((p: { id: string }) => p.id)).toEqual([second.id]);
    const page2 = await request(svc.app)
      .get(`/api/payments/user/${buyer.userId}?limit=1&offset=1`)
      .set(bearer(shop.token))
      .expect(200);
    expect(page2.body.payments.map((p: { id: string }) => p.id)).toEqual([paid.id]);
    await request(svc.app).get(`/api/payments/user/${buyer.userId}`).set(bearer(stranger.token)).expect(403);
  });

  it('GET /api/circuit-breaker/status lists user_service, order_service and payment_gateway', async () => {
    const res = await request(svc.app).get('/api/circuit-breaker/status').expect(200);
    for (const name of ['user_service', 'order_service', 'payment_gateway'])
      expect(res.body[name]).toMatchObject({ state: 'closed', failure_count: expect.any(Number) });
  });

  it('/metrics has payments_processed_total by status and method, payment_success_rate and circuit_breaker_state', async () => {
    const text = (await request(svc.app).get('/metrics').expect(200)).text;
    expect(text).toMatch(
      /payments_processed_total\{[^}]*status="completed"[^}]*method="credit_card"[^}]*\} [1-9]/,
    );
    expect(text).toMatch(/payment_success_rate(\{[^}]*\})? 1\b/);
    expect(text).toMatch(/circuit_breaker_state\{[^}]*payment_gateway/);
  });
});
