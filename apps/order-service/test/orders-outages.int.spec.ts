import { ErrorEnvelopeSchema } from '@platform/contracts';
import { startPrivateServer } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, startOrderService, type OrderService } from './harness';
import { orderOf, placeOrder, shopWithItem, stockOf } from './orders-fixtures';

describe('Orders with user-service down', () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService({ env: { BREAKER_RESET_MS: '60000' } })));
  afterAll(() => svc?.stop());

  it('answers 503 while user-service is down, then fast from the open breaker, and takes no stock', async () => {
    const shop = await shopWithItem(svc, { stock: 5 });
    const items = [{ productId: shop.itemId, quantity: 1 }];
    // the token's key is now cached (JWKS): authentication goes on without user-service
    expect((await placeOrder(svc, shop.member.token, { items })).status).toBe(201);
    await svc.users.process.stop();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await placeOrder(svc, shop.member.token, { items }));
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('SERVICE_UNAVAILABLE');
    }
    // refused by the breaker itself, without calling user-service
    expect(answers.at(-1)!.body.error.message).toContain('circuit open');
    const status = await request(svc.app).get('/api/circuit-breaker/status');
    expect(status.body.user_service.state).toBe('open');
    expect(await stockOf(svc, shop.itemId)).toBe(4);
    expect(await svc.db.collection('orders').countDocuments({ tenant_id: shop.tenantId })).toBe(1);
  });
});

describe('Orders with their FerretDB stopped mid-test', () => {
  it('answers 503 SERVICE_UNAVAILABLE and leaves nothing half-written', async () => {
    const ferret = await startPrivateServer('ferretdb');
    let svc: OrderService | undefined;
    try {
      svc = await startOrderService({ mongoUrl: ferret.url() });
      const shop = await shopWithItem(svc, { stock: 5 });
      const items = [{ productId: shop.itemId, quantity: 2 }];
      const first = orderOf(await placeOrder(svc, shop.member.token, { items }));
      await ferret.stop();
      const create = await placeOrder(svc, shop.member.token, { items });
      expect([create.status, create.body.error?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      const cancel = await request(svc.app)
        .post(`/api/orders/${first.id}/cancel`)
        .set(bearer(shop.member.token));
      expect([cancel.status, cancel.body.error?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      await ferret.restart();
      // only the first order, still pending with its stock taken; nothing of the failed calls
      const orders = await svc.db.collection('orders').find({ tenant_id: shop.tenantId }).toArray();
      expect(orders.map((o) => [o._id, o.status])).toEqual([[first.id, 'pending']]);
      expect(await stockOf(svc, shop.itemId)).toBe(3);
      expect((await placeOrder(svc, shop.member.token, { items })).status).toBe(201);
    } finally {
      await svc?.stop();
      await ferret.dispose();
    }
  });
});
