import { ErrorEnvelopeSchema } from '@platform/contracts';
import request from 'supertest';
import { startMlEngine, type MlEngine } from './harness';

/** 10,000 levels of arrays in objects: small on the wire, deep enough to break a recursive walker. */
const deep = '{"a":['.repeat(10_000) + ']}'.repeat(10_000);
/** A million numbers: about 2 MB, over the documented 1 MB limit. */
const huge = `[${new Array(1_000_000).fill(7).join(',')}]`;
/** Just over the documented limit (createService's default, 1 MB). */
const oversized = JSON.stringify({ tenant_id: 'x', pad: 'x'.repeat(1024 * 1024 + 1) });

describe('ml-engine refuses hostile bodies with a 4xx in the envelope, and keeps answering', () => {
  let h: MlEngine;
  beforeAll(async () => {
    h = await startMlEngine({ startBackground: false });
  });
  afterAll(() => h?.stop());

  const recommend = (body: string) =>
    request(h.url)
      .post('/internal/ml/recommendations')
      .set(h.serviceAuth())
      .set('content-type', 'application/json')
      .send(body);
  const refused = async (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    ErrorEnvelopeSchema.parse(res.body);
    await request(h.url).get('/health').expect(200);
  };

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await recommend(oversized);
    await refused(res, 413);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('JSON nested 10,000 levels deep is 400', async () => {
    await refused(await recommend(deep), 400);
  });

  it('an array of a million numbers is 413', async () => {
    await refused(await recommend(huge), 413);
  });
});
