import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSigner, devKeyPath, kidOf } from '@platform/auth';
import { freePort } from '@platform/devstack';
import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

const day = '2026-11-01';
const interaction = { user_id: 'user-1', item_id: 'item-1', interaction_type: 'view' };

/** Who may call the public routes: users' JWTs and tenants' API keys, with read and write enforced. */
describe('data-pipeline callers', () => {
  let dp: DataPipeline;
  // a verdict lives 10 minutes, so only ApiKeyRevoked can explain a revoked key being refused in the test
  beforeAll(async () => {
    dp = await startDataPipeline({ env: { API_KEY_CACHE_MS: '600000' } });
  });
  afterAll(() => dp?.stop());

  const read = (auth: { authorization: string }, url = dp.url) =>
    request(url).get('/api/v1/usage').query({ start_date: day, end_date: day }).set(auth);
  const write = (auth: { authorization: string }) =>
    request(dp.url).post('/api/v1/interactions').set(auth).send(interaction);
  /** An access token signed with user-service's own development key, with claims of our choosing. */
  const forgeToken = (
    claims: { sub: string; tenant_id: string; role: string },
    opts: { audience?: string; issuedAgoSeconds?: number },
  ) => {
    const pem = readFileSync(devKeyPath('user-service-jwt.pem'), 'utf8');
    const signer = createSigner(
      { kid: kidOf(pem), privateKey: pem },
      {
        issuer: dp.config.JWT_ISSUER,
        audience: opts.audience ?? dp.config.JWT_AUDIENCE,
        ttlSeconds: 900,
        now: () => Date.now() - (opts.issuedAgoSeconds ?? 0) * 1000,
      },
    );
    return signer.sign({ ...claims, typ: 'access' });
  };

  it('takes a user’s JWT: admins and developers read the usage and write, a viewer (a buyer) does neither', async () => {
    const shop = await dp.accounts.newShop();
    const developer = await dp.accounts.addMember(shop.admin, 'developer');
    const viewer = await dp.accounts.addMember(shop.admin, 'viewer');
    await read(bearer(shop.token)).expect(200);
    await read(bearer(developer.token)).expect(200);
    expect((await read(bearer(viewer.token)).expect(403)).body.error.code).toBe('FORBIDDEN');
    await write(bearer(shop.token)).expect(202);
    await write(bearer(developer.token)).expect(202);
    const refused = await write(bearer(viewer.token)).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('takes an sk_ API key with the permission the route needs', async () => {
    const shop = await dp.accounts.newShop();
    const readKey = await dp.accounts.apiKey(shop.admin, ['read']);
    const writeKey = await dp.accounts.apiKey(shop.admin, ['write']);
    const both = await dp.accounts.apiKey(shop.admin, ['read', 'write']);
    await read(bearer(readKey)).expect(200);
    await read(bearer(both)).expect(200);
    await write(bearer(writeKey)).expect(202);
    await write(bearer(both)).expect(202);
    expect((await write(bearer(readKey)).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await read(bearer(writeKey)).expect(403)).body.error.code).toBe('FORBIDDEN');
    const unknown = await read(bearer(`sk_live_${'x'.repeat(32)}`)).expect(401);
    expect(unknown.body.error.code).toBe('AUTHENTICATION_FAILED');
  });

  it('refuses an expired JWT, one for another audience, and none at all with 401', async () => {
    const shop = await dp.accounts.newShop();
    const claims = { sub: shop.admin.user.id, tenant_id: shop.tenantId, role: 'admin' };
    // the forged tokens are accepted when nothing is wrong with them, so the refusals below are real
    await read(bearer(forgeToken(claims, {}))).expect(200);
    const expired = await read(bearer(forgeToken(claims, { issuedAgoSeconds: 3600 }))).expect(401);
    expect(expired.body.error.code).toBe('AUTHENTICATION_FAILED');
    await read(bearer(forgeToken(claims, { audience: 'another-platform' }))).expect(401);
    await request(dp.url).get('/api/v1/usage').query({ start_date: day, end_date: day }).expect(401);
  });

  it('refuses a service token on the public routes with 403', async () => {
    const res = await read(dp.serviceAuth()).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    await request(dp.url).post('/api/v1/interactions').set(dp.serviceAuth()).send(interaction).expect(403);
  });

  it('stops taking a revoked key as soon as ApiKeyRevoked arrives, long before its verdict expires', async () => {
    const shop = await dp.accounts.newShop();
    const created = await request(dp.users.url)
      .post('/api/v1/api-keys')
      .set(bearer(shop.token))
      .send({ name: 'soon-revoked', permissions: ['read'] })
      .expect(201);
    const { id, key } = created.body as { id: string; key: string };
    await read(bearer(key)).expect(200); // its verdict is now cached for 10 minutes
    await request(dp.users.url).delete(`/api/v1/api-keys/${id}`).set(bearer(shop.token)).expect(204);
    await eventually(async () => (await read(bearer(key))).status === 401, {
      what: 'the revoked key to be refused',
      intervalMs: 100,
    });
  });

  it('keeps only the hash of a key in Redis, never the key', async () => {
    const shop = await dp.accounts.newShop();
    const key = await dp.accounts.apiKey(shop.admin, ['read']);
    await read(bearer(key)).expect(200);
    const names = await dp.redis.keys('dp:*');
    expect(names.length).toBeGreaterThan(0);
    const values = await Promise.all(
      names.map(async (n) =>
        (await dp.redis.type(n)) === 'set' ? (await dp.redis.smembers(n)).join() : dp.redis.get(n),
      ),
    );
    expect(names.some((n) => n.includes(key) || n.includes(key.slice(8)))).toBe(false);
    expect(values.some((v) => v?.includes(key.slice(8)))).toBe(false);
  });

  it('does not cache a "valid" verdict that arrives after the key was revoked', async () => {
    const keyId = randomUUID();
    const key = `sk_test_${randomUUID().replace(/-/g, '')}`;
    const hash = createHash('sha256').update(key).digest('hex');
    const verdict = { kind: 'api_key' as const, keyId, tenantId: randomUUID(), permissions: ['read'] };
    // a check that user-service answered before the revocation, and that ends after ApiKeyRevoked
    await dp.keyCache.drop(keyId);
    await expect(dp.keyCache.wrap(async () => verdict)(key)).resolves.toEqual(verdict);
    expect(await dp.redis.exists(`data-pipeline:api-key:${hash}`)).toBe(0);
    // another key's verdict is cached as before
    const other = `sk_test_${randomUUID().replace(/-/g, '')}`;
    await dp.keyCache.wrap(async () => ({ ...verdict, keyId: randomUUID() }))(other);
    const otherHash = createHash('sha256').update(other).digest('hex');
    expect(await dp.redis.exists(`data-pipeline:api-key:${otherHash}`)).toBe(1);
  });

  it('answers 503 (the user_service breaker), not 500, when user-service cannot check a key', async () => {
    const shop = await dp.accounts.newShop();
    const key = await dp.accounts.apiKey(shop.admin, ['read']);
    // a second instance on the same data whose user-service is gone (the first keeps its own)
    const cut = await startDataPipeline({
      reuse: { prefix: dp.prefix, users: dp.users, db: dp.db, storeDir: dp.storeDir },
      env: { API_KEY_CACHE_MS: '600000', USER_SERVICE_URL: `http://127.0.0.1:${await freePort()}` },
    });
    try {
      for (let i = 0; i < 6; i++) {
        const res = await read(bearer(key), cut.url);
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      }
      const breakers = await request(cut.url).get('/api/circuit-breaker/status').expect(200);
      expect(JSON.stringify(breakers.body)).toContain('user_service');
    } finally {
      await cut.stop();
    }
  });
});
