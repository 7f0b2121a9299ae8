import { ErrorEnvelopeSchema } from '@platform/contracts';
import request from 'supertest';
import { startWorker } from './harness';

/** 10,000 levels of arrays in objects: small on the wire, deep enough to break a recursive walker. */
const deep = '{"a":['.repeat(10_000) + ']}'.repeat(10_000);
/** A million numbers: about 2 MB, over the documented 1 MB limit. */
const huge = `[${new Array(1_000_000).fill(7).join(',')}]`;

/**
 * The worker has no route that takes a body (only /health, /ready, /metrics), but createService parses
 * JSON before routing: a hostile body to any path must still end in a 4xx, not a stall or a 500.
 */
describe('notification-worker refuses hostile bodies with a 4xx in the envelope, and keeps answering', () => {
  let h: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    h = await startWorker();
  });
  afterAll(() => h?.stop());

  const post = (body: string) =>
    request(h.app).post('/health').set('content-type', 'application/json').send(body);
  const refused = async (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    ErrorEnvelopeSchema.parse(res.body);
    await request(h.app).get('/health').expect(200);
  };

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 1) }));
    await refused(res, 413);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('JSON nested 10,000 levels deep is parsed and refused by the route (405: /health is GET only)', async () => {
    await refused(await post(deep), 405);
  });

  it('an array of a million numbers is 413', async () => {
    await refused(await post(huge), 413);
  });
});
