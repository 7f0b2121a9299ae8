import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createSigner, createVerifier, jwksKeyLookup } from '@platform/auth';
import {
  AuthResponseSchema,
  JwksSchema,
  RefreshResponseSchema,
  TenantResponseSchema,
} from '@platform/contracts';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { bearer, startUserService, type UserService } from './harness';

describe('auth (seed 002 §6, seed 003, seed 004 §5)', () => {
  let svc: UserService;
  beforeAll(
    async () =>
      void (svc = await startUserService({
        env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '10' },
      })),
  );
  afterAll(() => svc.stop());

  describe('register', () => {
    it('creates the account, its tenant (caller as admin) and tokens, in the seed 002 §6 shape', async () => {
      const res = await request(svc.app).post('/api/v1/auth/register').send({
        email: 'reg@example.com',
        password: 'password123',
        firstName: 'Reg',
        tenant_name: 'Acme Corp',
      });
      expect(res.status).toBe(201);
      const body = AuthResponseSchema.parse(res.body);
      expect(body).toMatchObject({
        expires_in: 900,
        token_type: 'Bearer',
        user: { email: 'reg@example.com', role: 'admin' },
      });
      const tenant = await request(svc.app).get('/api/v1/tenant').set(bearer(body.access_token));
      expect(TenantResponseSchema.parse(tenant.body)).toMatchObject({
        tenant_id: body.user.tenant_id,
        name: 'Acme Corp',
        plan: 'starter',
        status: 'active',
      });
      const claims = jwt.decode(body.access_token, { complete: true });
      expect(claims?.header).toMatchObject({ alg: 'RS256', kid: 'user-service-1' });
      expect(claims?.payload).toMatchObject({
        sub: body.user.id,
        tenant_id: body.user.tenant_id,
        role: 'admin',
      });
    });

    it('answers 409 USER_001 for a taken e-mail and creates no tenant', async () => {
      const tenants = async () => (await svc.pool.query('SELECT count(*)::int AS n FROM tenants')).rows[0].n;
      await svc.register({ email: 'twice@example.com' });
      const before = await tenants();
      const res = await request(svc.app)
        .post('/api/v1/auth/register')
        .send({ email: 'TWICE@example.com', password: 'password123' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('USER_001');
      expect(await tenants()).toBe(before);
    });

    it('answers 400 naming the field', async () => {
      const res = await request(svc.app)
        .post('/api/v1/auth/register')
        .send({ email: 'x@example.com', password: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe('password');
    });
  });

  describe('login', () => {
    it('returns tokens and the user', async () => {
      const acct = await svc.register();
      const res = await request(svc.app)
        .post('/api/v1/auth/login')
        .send({ email: acct.user.email, password: acct.password });
      expect(res.status).toBe(200);
      expect(AuthResponseSchema.parse(res.body).user).toEqual(acct.user);
    });

    it('answers the same 401 for a wrong password and an unknown e-mail', async () => {
      const acct = await svc.register();
      const wrong = await request(svc.app)
        .post('/api/v1/auth/login')
        .send({ email: acct.user.email, password: 'not-it-at-all' });
      const unknown = await request(svc.app)
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.com', password: 'not-it-at-all' });
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body.error).toMatchObject({
          code: 'AUTHENTICATION_FAILED',
          message: 'Invalid email or password',
        });
      }
    });

    it('refuses an account with 429 after repeated failures, even with the right password', async () => {
      const acct = await svc.register();
      for (let i = 0; i < 3; i++) {
        await request(svc.app)
          .post('/api/v1/auth/login')
          .send({ email: acct.user.email, password: 'wrong-password' })
          .expect(401);
      }
      const res = await request(svc.app)
        .post('/api/v1/auth/login')
        .send({ email: acct.user.email, password: acct.password });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses an address with 429 after repeated failures across accounts', async () => {
      const app = request(svc.app);
      // a documentation address of this run's own (counters live in the shared Redis for 15 minutes);
      // trust proxy is loopback, so the test can speak for it through X-Forwarded-For
      const ip = `2001:db8::${randomBytes(4)
        .toString('hex')
        .replace(/(....)(....)/, '$1:$2')}`;
      const tag = randomBytes(4).toString('hex');
      for (let i = 0; i < 10; i++) {
        await app
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', ip)
          .send({ email: `spray-${tag}-${i}@example.com`, password: 'guess-guess' })
          .expect(401);
      }
      const res = await app
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', ip)
        .send({ email: `spray-${tag}-new@example.com`, password: 'guess-guess' });
      expect(res.status).toBe(429);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each works once; reusing a spent one revokes the whole family', async () => {
      const acct = await svc.register();
      const first = await request(svc.app)
        .post('/api/v1/auth/refresh')
        .send({ refresh_token: acct.refresh_token });
      expect(first.status).toBe(200);
      const rotated = RefreshResponseSchema.parse(first.body);
      expect(rotated.refresh_token).not.toBe(acct.refresh_token);
      await request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(rotated.access_token)).expect(200);

      const reuse = await request(svc.app)
        .post('/api/v1/auth/refresh')
        .send({ refresh_token: acct.refresh_token });
      expect(reuse.status).toBe(401);
      // the theft is detected: the legitimate newer token of the family is dead too
      const after = await request(svc.app)
        .post('/api/v1/auth/refresh')
        .send({ refresh_token: rotated.refresh_token });
      expect(after.status).toBe(401);
    });

    it('logout ends the session', async () => {
      const acct = await svc.register();
      await request(svc.app)
        .post('/api/v1/auth/logout')
        .send({ refresh_token: acct.refresh_token })
        .expect(204);
      await request(svc.app)
        .post('/api/v1/auth/refresh')
        .send({ refresh_token: acct.refresh_token })
        .expect(401);
      await request(svc.app).post('/api/v1/auth/logout').send({ refresh_token: 'rt_unknown' }).expect(204);
    });
  });

  describe('access tokens', () => {
    it('are verifiable by other services from /.well-known/jwks.json', async () => {
      const acct = await svc.register();
      const server: Server = await new Promise((resolve) => {
        const s = svc.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
        JwksSchema.parse(await (await fetch(url)).json());
        const verify = createVerifier(jwksKeyLookup(url), { issuer: 'user-service' });
        await expect(verify(acct.access_token)).resolves.toMatchObject({
          sub: acct.user.id,
          tenant_id: acct.user.tenant_id,
          role: 'admin',
        });
      } finally {
        await new Promise((r) => server.close(r));
      }
    });

    it('are refused when expired', async () => {
      const expired = await startUserService({ env: { ACCESS_TOKEN_TTL_SECONDS: '1' } });
      try {
        const short = await expired.register();
        await new Promise((r) => setTimeout(r, 2100));
        const res = await request(expired.app)
          .get(`/api/users/${short.user.id}`)
          .set(bearer(short.access_token));
        expect(res.status).toBe(401);
        expect(res.body.error).toMatchObject({ code: 'AUTHENTICATION_FAILED', message: 'Token expired' });
      } finally {
        await expired.stop();
      }
    });

    it('are refused when signed by a key the service does not know', async () => {
      const acct = await svc.register();
      const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      for (const kid of ['user-service-1', 'attacker-key']) {
        const forged = createSigner({ kid, privateKey }, { issuer: 'user-service', ttlSeconds: 60 }).sign({
          sub: acct.user.id,
          tenant_id: acct.user.tenant_id,
          role: 'admin',
          typ: 'access',
        });
        const res = await request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(forged));
        expect(res.status).toBe(401);
      }
    });
  });
});
