import request from 'supertest';
import { eventflowClient } from './eventflow-client';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

const LIMIT = 5;

/** Seed 002 §5: a per-tenant budget of requests a minute on the public routes, counted in Redis. */
describe('usage rate limit', () => {
  let first: DataPipeline;
  let dp: DataPipeline;
  beforeAll(async () => {
    dp = first = await startDataPipeline({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  });
  // a restarted instance only borrows the data; the first one owns and removes it
  afterAll(async () => {
    await dp?.stop();
    await first?.stop();
  });

  const day = '2026-11-01';
  const call = (token: string, url = dp.url) =>
    request(url).get('/api/v1/usage').query({ start_date: day, end_date: day }).set(bearer(token));

  it('counts down in the headers, then answers 429 with Retry-After; other tenants keep theirs; a restart forgets nothing', async () => {
    const a = await dp.accounts.newShop();
    const b = await dp.accounts.newShop();
    for (let i = 1; i <= LIMIT; i++) {
      const before = Math.floor(Date.now() / 1000);
      const res = await call(a.token).expect(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
      const reset = Number(res.headers['x-ratelimit-reset']); // epoch seconds, as GitHub
      expect(reset).toBeGreaterThanOrEqual(before);
      expect(reset).toBeLessThanOrEqual(before + 61);
    }
    const refused = await call(a.token).expect(429);
    expect(refused.body.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { limit: LIMIT, window: 'minute' },
    });
    expect(refused.body.error.request_id).toEqual(expect.any(String));
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error.details.retry_after_seconds).toBe(retryAfter);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');

    // per tenant: the other shop still has its whole budget
    const other = await call(b.token).expect(200);
    expect(other.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));

    // the counters live in Redis: a new instance on the same data still refuses the tenant
    dp = await dp.restart();
    const after = await call(a.token).expect(429);
    expect(after.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect((await call(b.token).expect(200)).headers['x-ratelimit-remaining']).toBe(String(LIMIT - 2));
  });

  it("counts an EventFlow producer's events against its tenant's budget, like any public call", async () => {
    const { shopWithProducer } = eventflowClient(dp);
    const shop = await shopWithProducer(); // creating the producer was the tenant's first call
    const event = { event_type: 'page.viewed', event_version: 1, payload: { n: 1 } };
    const send = () => request(dp.url).post('/api/v1/events').set(bearer(shop.key)).send(event);
    for (let left = LIMIT - 2; left >= 0; left--) {
      const res = await send().expect(202);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(left));
    }
    const refused = await send().expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    // and the tenant's JWT calls share that budget
    await call(shop.token).expect(429);
  });

  it('documents the headers and the 429 in the served OpenAPI document', async () => {
    const doc = (await request(dp.url).get('/openapi.json').expect(200)).body;
    const op = doc.paths['/api/v1/usage'].get;
    expect(Object.keys(op.responses[200].headers)).toEqual([
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
    ]);
    expect(Object.keys(op.responses[429].headers)).toContain('Retry-After');
  });

  it('leaves anonymous calls, service tokens and the public health route alone', async () => {
    const shop = await dp.accounts.newShop();
    for (let i = 0; i < LIMIT; i++) await call(shop.token).expect(200);
    await call(shop.token).expect(429);

    const anonymous = await request(dp.url).get('/api/v1/usage').query({ start_date: day, end_date: day });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['x-ratelimit-limit']).toBeUndefined();

    const service = await request(dp.url)
      .get('/api/v1/usage')
      .query({ start_date: day, end_date: day })
      .set(dp.serviceAuth());
    expect(service.status).toBe(403);
    expect(service.headers['x-ratelimit-limit']).toBeUndefined();

    // EventFlow's health (seed 004) is public: even the limited tenant's token passes unlimited
    const health = await request(dp.url).get('/api/v1/health').set(bearer(shop.token));
    expect(health.status).not.toBe(429);
    expect(health.headers['x-ratelimit-limit']).toBeUndefined();
  });
});
