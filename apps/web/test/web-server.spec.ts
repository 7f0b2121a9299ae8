import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startService, type RunningService } from '@platform/devstack';
import {
  bearer,
  createTestDatabase,
  shopAccounts,
  startOrderServiceProcess,
  startUserServiceProcess,
  uniqueTopicPrefix,
  type UserServiceProcess,
} from '@platform/devstack/testing';
import { closeServer, createLogger, createMetrics, listen } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadWebConfig } from '../src/config';

/**
 * The web server in this process (compose + listen) in front of user-service, order-service and
 * ml-engine as processes (their built bundles, stores of their own); payment-service's URL points at a
 * port where nothing listens: an upstream that is down.
 */
let users: UserServiceProcess;
let orders: RunningService;
let ml: RunningService;
let mlDb: Awaited<ReturnType<typeof createTestDatabase>>;
const url = (name: 'user-service' | 'order-service' | 'ml-engine') =>
  ({ 'user-service': users.url, 'order-service': orders.url, 'ml-engine': ml.url })[name];
let server: Server;
let web: string;
let pagesDir: string;
const tempDirs: string[] = [];
const tempDir = (label: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), label));
  tempDirs.push(dir);
  return dir;
};

const cookieOf = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('platform_refresh='));
const valueOf = (cookie: string | undefined) => cookie?.split(';')[0] ?? '';
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  const prefix = uniqueTopicPrefix();
  users = await startUserServiceProcess(prefix);
  orders = await startOrderServiceProcess({ prefix, usersUrl: users.url });
  mlDb = await createTestDatabase('web_ml');
  pagesDir = tempDir('web-pages-');
  ml = await startService('ml-engine', {
    port: await freePort(),
    instance: `test-${prefix.slice(0, -1)}`,
    env: {
      DATABASE_URL: mlDb.url,
      OBJECT_STORE_DIR: tempDir('web-ml-store-'),
      TRAINING_DATA_DIR: tempDir('web-ml-data-'),
      USER_SERVICE_URL: users.url,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    },
  });
  mkdirSync(path.join(pagesDir, 'assets'));
  writeFileSync(path.join(pagesDir, 'index.html'), '<!doctype html><title>shop</title><div id="root"></div>');
  writeFileSync(path.join(pagesDir, 'assets', 'index-abc123.js'), 'console.log("app")');
  const config = loadWebConfig({
    LOG_LEVEL: 'warn',
    PUBLIC_DIR: pagesDir,
    USER_SERVICE_URL: url('user-service'),
    ORDER_SERVICE_URL: url('order-service'),
    ML_ENGINE_URL: url('ml-engine'),
    PAYMENT_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
    PROXY_TIMEOUT_MS: '5000',
  });
  const { app } = await compose({
    config,
    logger: createLogger('web', 'error'),
    metrics: createMetrics('web'),
  });
  server = await listen(app, 0, '127.0.0.1');
  web = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  if (server) await closeServer(server);
  await ml?.stop();
  await mlDb?.drop();
  await orders?.stop();
  await users?.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const expectEnvelope = (res: request.Response, status: number, code?: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error).toEqual(expect.objectContaining({ request_id: expect.any(String) }));
  if (code) expect(res.body.error.code).toBe(code);
};

describe('gateway', () => {
  it('streams a public request to its service with the body intact and answers as the service does', async () => {
    // a body with characters JSON may escape and odd spacing: user-service must get these exact bytes
    const tag = Math.random().toString(36).slice(2, 10);
    const raw = `{ "email" : "g-${tag}@example.com",  "password": "pw-${tag}-sécret",\n "nickname": "gw_${tag}" }`;
    const reg = await request(web).post('/api/v1/auth/register').set(json).send(raw).expect(201);
    expect(reg.body.user.email).toBe(`g-${tag}@example.com`);
    // the password arrived byte for byte: it logs in directly at user-service
    await request(url('user-service'))
      .post('/api/v1/auth/login')
      .send({ email: `g-${tag}@example.com`, password: `pw-${tag}-sécret` })
      .expect(200);

    const items = await request(web)
      .get('/api/items')
      .set('X-Tenant-Id', reg.body.user.tenant_id)
      .expect(200);
    expect(items.body).toEqual(expect.objectContaining({ items: expect.any(Array) }));
    const jwks = await request(web).get('/.well-known/jwks.json').expect(200);
    expect(jwks.body.keys.length).toBeGreaterThan(0);
    const metrics = await request(web).get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /gateway_requests_total\{upstream="order-service",status_code="200"[^}]*\} [1-9]/,
    );
  });

  it('passes a service error envelope on with its status', async () => {
    const res = await request(web).post('/api/v1/auth/login').set(json).send({ email: 'nope' });
    expectEnvelope(res, 400, 'VALIDATION_ERROR');
  });

  it('answers 404 envelopes for private paths and API paths no route serves, never the page', async () => {
    for (const p of [
      '/internal/ml/models',
      '/internal/users/x',
      '/api/nothing-here',
      '/api/circuit-breaker/status',
    ]) {
      const res = await request(web).get(p).set('Accept', 'text/html');
      expectEnvelope(res, 404, 'NOT_FOUND');
    }
    const dots = await request(web).get('/api/items/%2e%2e/%2e%2e/internal/ml/models');
    expect(dots.status).toBe(400);
  });

  it('answers 503 in the envelope when the upstream is down', async () => {
    const res = await request(web).get('/api/payments/x').set('Accept', 'application/json');
    expectEnvelope(res, 503, 'SERVICE_UNAVAILABLE');
    expect(res.body.error.details).toEqual({ dependency: 'payment-service', reason: 'unreachable' });
  });
});

describe('session endpoints', () => {
  const tag = Math.random().toString(36).slice(2, 10);
  const email = `s-${tag}@example.com`;
  const password = `pw-${tag}-secret`;

  it('registers and logs in with the refresh token only in an httpOnly cookie', async () => {
    const reg = await request(web)
      .post('/web-api/session/register')
      .set(json)
      .send({ email, password, nickname: `s_${tag}` })
      .expect(201);
    expect(reg.body).toEqual({
      access_token: expect.any(String),
      expires_in: expect.any(Number),
      user: expect.objectContaining({ email, role: 'admin', tenant_id: expect.any(String) }),
    });

    const login = await request(web)
      .post('/web-api/session/login')
      .set(json)
      .send({ email, password })
      .expect(200);
    expect(JSON.stringify(login.body)).not.toMatch(/refresh/);
    const cookie = cookieOf(login);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/web-api\/session/);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('refuses session posts that are not JSON (CSRF) and bad bodies', async () => {
    const form = await request(web)
      .post('/web-api/session/login')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ email, password }));
    expectEnvelope(form, 415, 'VALIDATION_ERROR');
    const bad = await request(web).post('/web-api/session/login').set(json).send({ email: 'x' });
    expectEnvelope(bad, 400, 'VALIDATION_ERROR');
    const wrong = await request(web)
      .post('/web-api/session/login')
      .set(json)
      .send({ email, password: 'wrong-pw' });
    expectEnvelope(wrong, 401);
  });

  it('refresh rotates the cookie, the old one is refused, and logout revokes', async () => {
    const login = await request(web)
      .post('/web-api/session/login')
      .set(json)
      .send({ email, password })
      .expect(200);
    const first = valueOf(cookieOf(login));
    const refreshed = await request(web)
      .post('/web-api/session/refresh')
      .set(json)
      .set('Cookie', first)
      .send({});
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user).toEqual(
      expect.objectContaining({
        id: login.body.user.id,
        tenant_id: login.body.user.tenant_id,
        role: 'admin',
      }),
    );
    const second = valueOf(cookieOf(refreshed));
    expect(second).not.toBe(first);
    // the access token works on a service through the gateway
    await request(web).get('/api/v1/tenant').set(bearer(refreshed.body.access_token)).expect(200);

    const reused = await request(web)
      .post('/web-api/session/refresh')
      .set(json)
      .set('Cookie', first)
      .send({});
    expectEnvelope(reused, 401);
    expect(cookieOf(reused)).toMatch(/platform_refresh=;/); // cleared

    // reuse revoked the family: log in again, then log out, and that cookie refreshes no more
    const again = await request(web)
      .post('/web-api/session/login')
      .set(json)
      .send({ email, password })
      .expect(200);
    const third = valueOf(cookieOf(again));
    const out = await request(web).post('/web-api/session/logout').set(json).set('Cookie', third).send({});
    expect(out.status).toBe(204);
    expect(cookieOf(out)).toMatch(/platform_refresh=;/);
    const after = await request(web).post('/web-api/session/refresh').set(json).set('Cookie', third).send({});
    expectEnvelope(after, 401);
  });

  it('registers a buyer in an existing shop (tenant_id → X-Tenant-Id) as a viewer of it', async () => {
    const shop = await shopAccounts(url('user-service')).newShop();
    const buyer = `b-${tag}@example.com`;
    const res = await request(web)
      .post('/web-api/session/register')
      .set(json)
      .send({ email: buyer, password, nickname: `b_${tag}`, tenant_id: shop.tenantId })
      .expect(201);
    expect(res.body.user).toEqual(
      expect.objectContaining({ email: buyer, tenant_id: shop.tenantId, role: 'viewer' }),
    );
    expect(cookieOf(res)).toMatch(/HttpOnly/i);
  });

  it('answers 401 to a refresh without a session', async () => {
    expectEnvelope(await request(web).post('/web-api/session/refresh').set(json).send({}), 401);
  });
});

describe('dashboard ML endpoints', () => {
  it('start training for an admin, 403 for a viewer, 401 without a token', async () => {
    const shops = shopAccounts(url('user-service'));
    const shop = await shops.newShop();
    const viewer = await shops.addMember(shop.admin, 'viewer');
    const body = { training_config: { model_type: 'matrix_factorization' } };

    const started = await request(web)
      .post('/web-api/ml/training/trigger')
      .set(bearer(shop.token))
      .send(body)
      .expect(202);
    expect(started.body).toEqual(expect.objectContaining({ job_id: expect.any(String) }));
    const job = await request(web)
      .get(`/web-api/ml/training/jobs/${started.body.job_id}`)
      .set(bearer(shop.token))
      .expect(200);
    expect(job.body.job_id ?? job.body.id).toBe(started.body.job_id);
    const jobs = await request(web)
      .get('/web-api/ml/training/jobs?limit=5')
      .set(bearer(shop.token))
      .expect(200);
    expect(jobs.body.jobs.length).toBe(1);
    const models = await request(web).get('/web-api/ml/models').set(bearer(shop.token)).expect(200);
    expect(models.body).toEqual(expect.objectContaining({ models: [] }));

    expectEnvelope(
      await request(web).post('/web-api/ml/training/trigger').set(bearer(viewer.token)).send(body),
      403,
      'FORBIDDEN',
    );
    expectEnvelope(
      await request(web).post('/web-api/ml/training/trigger').send(body),
      401,
      'AUTHENTICATION_FAILED',
    );
    expectEnvelope(
      await request(web)
        .post('/web-api/ml/training/trigger')
        .set(bearer(shop.token))
        .send({ training_config: {} }),
      400,
      'VALIDATION_ERROR',
    );
  });

  it("keeps one tenant out of another tenant's jobs", async () => {
    const shops = shopAccounts(url('user-service'));
    const a = await shops.newShop();
    const b = await shops.newShop();
    const started = await request(web)
      .post('/web-api/ml/training/trigger')
      .set(bearer(a.token))
      .send({ training_config: { model_type: 'two_tower' } })
      .expect(202);
    const other = await request(web)
      .get(`/web-api/ml/training/jobs/${started.body.job_id}`)
      .set(bearer(b.token));
    expectEnvelope(other, 404);
  });
});

describe('pages', () => {
  it('serves index.html for the router paths with the security headers', async () => {
    const res = await request(web).get('/dashboard/users').set('Accept', 'text/html').expect(200);
    expect(res.text).toContain('<div id="root">');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('caches the hashed assets for long and answers a missing one with 404', async () => {
    const res = await request(web).get('/assets/index-abc123.js').expect(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expectEnvelope(await request(web).get('/assets/missing.js'), 404);
  });

  it('is ready when the pages exist, whatever the services do', async () => {
    await request(web).get('/ready').expect(200);
    await request(web).get('/health').expect(200);
  });
});
