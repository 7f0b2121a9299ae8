import { ErrorEnvelopeSchema } from '@platform/contracts';
import request from 'supertest';
import { bearer, startOrderService, type OrderService } from './harness';

/** 10,000 levels of arrays in objects: small on the wire, deep enough to break a recursive walker. */
const deep = '{"a":['.repeat(10_000) + ']}'.repeat(10_000);
/** A million numbers: about 2 MB, over the documented 1 MB limit. */
const huge = `[${new Array(1_000_000).fill(7).join(',')}]`;
/** Just over the documented limit (createService's default, 1 MB). */
const oversized = JSON.stringify({ items: [], note: 'x'.repeat(1024 * 1024 + 1) });

describe('order-service refuses hostile bodies with a 4xx in the envelope, and keeps answering', () => {
  let h: OrderService;
  let token: string;
  beforeAll(async () => {
    h = await startOrderService({ startBackground: false });
    token = (await h.newShop()).token;
  });
  afterAll(() => h?.stop());

  const post = (body: string) =>
    request(h.app).post('/api/orders').set(bearer(token)).set('content-type', 'application/json').send(body);
  const stillHealthy = () => request(h.app).get('/health').expect(200);

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(oversized);
    expect({ status: res.status, code: ErrorEnvelopeSchema.parse(res.body).error.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    await stillHealthy();
  });

  it('JSON nested 10,000 levels deep is 400', async () => {
    const res = await post(deep);
    expect(res.status).toBe(400);
    ErrorEnvelopeSchema.parse(res.body);
    await stillHealthy();
  });

  it('an array of a million numbers is 413', async () => {
    const res = await post(huge);
    expect(res.status).toBe(413);
    ErrorEnvelopeSchema.parse(res.body);
    await stillHealthy();
  });
});
