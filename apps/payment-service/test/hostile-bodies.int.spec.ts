import { ErrorEnvelopeSchema } from '@platform/contracts';
import request from 'supertest';
import { signWebhook } from '@platform/auth';
import { DEV_GATEWAY_WEBHOOK_SECRET } from '../src/config';
import { startPaymentService } from './harness';

/** 10,000 levels of arrays in objects: small on the wire, deep enough to break a recursive walker. */
const deep = '{"a":['.repeat(10_000) + ']}'.repeat(10_000);
/** A million numbers: about 2 MB, over the documented 1 MB limit. */
const huge = `[${new Array(1_000_000).fill(7).join(',')}]`;
/** Just over the documented limit (createService's default, 1 MB). */
const oversized = JSON.stringify({ event_id: 'e1', pad: 'x'.repeat(1024 * 1024 + 1) });

describe('payment-service refuses hostile bodies on its public webhook route with a 4xx in the envelope, and keeps answering', () => {
  let h: Awaited<ReturnType<typeof startPaymentService>>;
  beforeAll(async () => {
    h = await startPaymentService({ startBackground: false });
  });
  afterAll(() => h?.stop());

  /** Signed as the gateway signs: the body gets past the signature check to the event's parsing. */
  const deliver = (body: string) => {
    const ts = String(Math.floor(Date.now() / 1000));
    return request(h.app)
      .post('/api/webhooks/payment-gateway')
      .set('content-type', 'application/json')
      .set('x-gateway-timestamp', ts)
      .set('x-gateway-signature', signWebhook(DEV_GATEWAY_WEBHOOK_SECRET, ts, body))
      .send(body);
  };
  const refused = async (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    ErrorEnvelopeSchema.parse(res.body);
    await request(h.app).get('/health').expect(200);
  };

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await deliver(oversized);
    await refused(res, 413);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('JSON nested 10,000 levels deep is 400 (signed: refused by the event schema)', async () => {
    const res = await deliver(deep);
    await refused(res, 400);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('VALIDATION_ERROR');
  });

  it('an array of a million numbers is 413', async () => {
    await refused(await deliver(huge), 413);
  });
});
