import { randomUUID } from 'node:crypto';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import request from 'supertest';
import { startDataPipeline, type DataPipeline } from './harness';

/** 10,000 levels of arrays in objects: small on the wire, deep enough to break a recursive walker. */
const deep = '{"a":['.repeat(10_000) + ']}'.repeat(10_000);
/** A million numbers: about 2 MB, over the 1 MB limit of the other routes and under the batch routes' 16 MB. */
const million = new Array(1_000_000).fill(7).join(',');

describe('data-pipeline refuses hostile bodies with a 4xx in the envelope, and keeps answering', () => {
  let h: DataPipeline;
  let auth: { authorization: string };
  beforeAll(async () => {
    h = await startDataPipeline();
    auth = h.serviceAuth();
  });
  afterAll(() => h?.stop());

  const post = (path: string, body: string) =>
    request(h.url).post(path).set(auth).set('content-type', 'application/json').send(body);
  const refused = async (res: request.Response, status: number, code?: string) => {
    expect({ status: res.status, code: ErrorEnvelopeSchema.parse(res.body).error.code }).toEqual({
      status,
      code: code ?? expect.any(String),
    });
    await request(h.url).get('/health').expect(200);
  };

  it('a body over the limit is 413: 1 MB on a single-interaction route, 16 MB on a batch route', async () => {
    const over = (bytes: number) => JSON.stringify({ tenant_id: randomUUID(), pad: 'x'.repeat(bytes + 1) });
    await refused(await post('/api/v1/interactions', over(1024 * 1024)), 413, 'PAYLOAD_TOO_LARGE');
    await refused(
      await post('/internal/data/interactions', over(16 * 1024 * 1024)),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('JSON nested 10,000 levels deep is 400, alone or as a batch record', async () => {
    await refused(await post('/internal/data/interactions', deep), 400);
    const batch = `{"tenant_id":"${randomUUID()}","interactions":${deep}}`;
    await refused(await post('/internal/data/interactions', batch), 400);
  });

  it('an array of a million numbers is 413 on a 1 MB route, 400 as a batch (at most 10,000 records)', async () => {
    await refused(await post('/api/v1/interactions', `[${million}]`), 413, 'PAYLOAD_TOO_LARGE');
    const batch = `{"tenant_id":"${randomUUID()}","interactions":[${million}]}`;
    const res = await post('/internal/data/interactions', batch);
    await refused(res, 400, 'VALIDATION_ERROR');
  });
});
