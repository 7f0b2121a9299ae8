import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import { freePort } from '@platform/devstack';
import { createLogger, createMetrics } from '@platform/service-kit';
import { type Express } from 'express';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadWebConfig } from '../src/config';

/** 10,000 levels of arrays in objects: small on the wire, deep enough to break a recursive walker. */
const deep = '{"a":['.repeat(10_000) + ']}'.repeat(10_000);
/** A million numbers: about 2 MB, over the documented 1 MB limit. */
const huge = `[${new Array(1_000_000).fill(7).join(',')}]`;

/**
 * The web server's own session route parses the body itself (the gateway's routes stream to the
 * services, whose specs cover them). Every refusal here happens before any upstream is called, so the
 * upstreams are ports where nothing listens.
 */
describe('web /web-api/session/login refuses hostile bodies with a 4xx in the envelope, and keeps answering', () => {
  let app: Express;
  const pagesDir = mkdtempSync(path.join(tmpdir(), 'web-hostile-'));
  beforeAll(async () => {
    writeFileSync(path.join(pagesDir, 'index.html'), '<!doctype html><title>shop</title>');
    const down = async () => `http://127.0.0.1:${await freePort()}`;
    const config = loadWebConfig({
      LOG_LEVEL: 'warn',
      PUBLIC_DIR: pagesDir,
      USER_SERVICE_URL: await down(),
      ORDER_SERVICE_URL: await down(),
      ML_ENGINE_URL: await down(),
      PAYMENT_SERVICE_URL: await down(),
    });
    ({ app } = await compose({
      config,
      logger: createLogger('web', 'silent'),
      metrics: createMetrics('web'),
    }));
  });
  afterAll(() => rmSync(pagesDir, { recursive: true, force: true }));

  const login = (body: string) =>
    request(app).post('/web-api/session/login').set('content-type', 'application/json').send(body);
  const refused = async (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    ErrorEnvelopeSchema.parse(res.body);
    await request(app).get('/health').expect(200);
  };

  it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await login(
      JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(1024 * 1024 + 1) }),
    );
    await refused(res, 413);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('JSON nested 10,000 levels deep is 400', async () => {
    await refused(await login(deep), 400);
  });

  it('an array of a million numbers is 413', async () => {
    await refused(await login(huge), 413);
  });
});
