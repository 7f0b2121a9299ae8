import { type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import { closeServer, listen } from '@platform/service-kit';
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

  /** Raw bytes over a socket (supertest would serialize a Buffer sent as JSON). */
  const postGzip = async (bytes: Buffer) => {
    const server = await listen(h.app, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/orders`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bytes,
      });
      return { status: res.status, code: ErrorEnvelopeSchema.parse(await res.json()).error.code };
    } finally {
      await closeServer(server);
    }
  };

  it('a gzip bomb (a few KB on the wire, over the limit inflated) is 413: the limit counts inflated bytes', async () => {
    const bomb = gzipSync(oversized);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await postGzip(bomb)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    await stillHealthy();
  });

  it('a corrupt gzip body is 400, not a 500', async () => {
    expect(await postGzip(Buffer.from('not a gzip stream'))).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
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
