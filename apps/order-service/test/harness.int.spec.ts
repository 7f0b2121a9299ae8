import request from 'supertest';
import { bearer, startOrderService, type OrderService } from './harness';

/** The harness itself: a token user-service signs is accepted by order-service (JWKS, audience, tenant). */
describe('order-service test harness', () => {
  let svc: OrderService;
  beforeAll(async () => {
    svc = await startOrderService();
  });
  afterAll(() => svc?.stop());

  it('order-service verifies user-service tokens and refuses a forged one', async () => {
    const { token } = await svc.newShop();
    // a path no component serves: a good token passes authentication (404), a forged one does not (401)
    await request(svc.app).get('/api/no-such-thing').set(bearer(token)).expect(404);
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await request(svc.app).get('/api/no-such-thing').set(bearer(forged));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTHENTICATION_FAILED');
  });
});
