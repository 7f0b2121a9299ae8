import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createServiceTokens,
  createSigner,
  createVerifier,
  devKeyPath,
  jwksKeyLookup,
  kidOf,
  mintServiceToken,
} from '@platform/auth';
import {
  AuthResponseSchema,
  JwksSchema,
  RefreshResponseSchema,
  TenantResponseSchema,
} from '@platform/contracts';
import { createLogger } from '@platform/service-kit';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { accessTokenKeys, DEV_SIGNING_KEY_FILE } from '../src/auth/signing-key';
import { bearer, startUserService, type UserService } from './harness';

const quiet = createLogger('test', 'silent');
const rsaKeys = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
/** A documentation address (RFC 3849) of this run's own; trust proxy is loopback, so X-Forwarded-For speaks for it. */
const freshIp = () =>
  `2001:db8::${randomBytes(4)
    .toString('hex')
    .replace(/(....)(....)/, '$1:$2')}`;

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
      // the kid is the RFC 7638 thumbprint of the key the JWKS publishes
      const [published] = svc.keys.jwks.keys;
      expect(claims?.header).toMatchObject({ alg: 'RS256', kid: published.kid });
      expect(claims?.payload).toMatchObject({
        sub: body.user.id,
        tenant_id: body.user.tenant_id,
        role: 'admin',
        aud: 'platform',
        iss: 'user-service',
      });
      expect(typeof (claims?.payload as jwt.JwtPayload).exp).toBe('number');
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

    it('lets no more parallel guesses reach the password check than the limit (3 here)', async () => {
      const acct = await svc.register();
      const ip = freshIp();
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(svc.app)
            .post('/api/v1/auth/login')
            .set('x-forwarded-for', ip)
            .send({ email: acct.user.email, password: `wrong-guess-${i}` })
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    });

    it('gives the attempt back when the password is right', async () => {
      const acct = await svc.register();
      const ip = freshIp();
      const login = (password: string) =>
        request(svc.app)
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', ip)
          .send({ email: acct.user.email, password });
      for (let i = 0; i < 2; i++) await login('wrong-password').expect(401);
      await login(acct.password).expect(200);
      // the address's counter holds the two failures only, the account's none: two more wrong guesses
      // are still answered 401 (without the refund the first would already be 429)
      const ipCounter = await svc.redis.get(`${svc.config.LOGIN_THROTTLE_KEY_PREFIX}:ip:${ip}`);
      expect(Number(ipCounter)).toBe(2);
      for (let i = 0; i < 2; i++) await login('wrong-password').expect(401);
    });

    it('refuses an address with 429 after repeated failures across accounts', async () => {
      const app = request(svc.app);
      const ip = freshIp(); // counters live in the shared Redis for 15 minutes
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
        const verify = createVerifier(jwksKeyLookup(url, { logger: quiet }), {
          issuer: 'user-service',
          audience: 'platform',
        });
        await expect(verify(acct.access_token)).resolves.toMatchObject({
          sub: acct.user.id,
          tenant_id: acct.user.tenant_id,
          role: 'admin',
        });
      } finally {
        await new Promise((r) => server.close(r));
      }
    });

    it('are refused when expired (signed by a clock an hour behind, no waiting)', async () => {
      const acct = await svc.register();
      // the same (persisted) development key, with a signer whose clock the test sets
      const past = accessTokenKeys(svc.config, quiet, { now: () => Date.now() - 3600_000 });
      const claims = {
        sub: acct.user.id,
        tenant_id: acct.user.tenant_id,
        role: 'admin',
        typ: 'access',
      } as const;
      const url = `/api/users/${acct.user.id}`;
      const res = await request(svc.app)
        .get(url)
        .set(bearer(past.sign(claims)));
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'AUTHENTICATION_FAILED', message: 'Token expired' });
      const fresh = accessTokenKeys(svc.config, quiet, { now: () => Date.now() - 60_000 });
      await request(svc.app)
        .get(url)
        .set(bearer(fresh.sign(claims)))
        .expect(200);
    });

    it('are refused without exp, or for another audience', async () => {
      const acct = await svc.register();
      const privateKey = svc.config.JWT_PRIVATE_KEY ?? readFileSync(devKeyPath(DEV_SIGNING_KEY_FILE), 'utf8');
      const kid = svc.keys.jwks.keys[0].kid;
      const base = { algorithm: 'RS256', keyid: kid, issuer: 'user-service', subject: acct.user.id } as const;
      const payload = { typ: 'access', tenant_id: acct.user.tenant_id, role: 'admin' };
      const forever = jwt.sign(payload, privateKey, { ...base, audience: 'platform' });
      const elsewhere = jwt.sign(payload, privateKey, { ...base, audience: 'billing', expiresIn: 60 });
      for (const token of [forever, elsewhere]) {
        const res = await request(svc.app).get(`/api/users/${acct.user.id}`).set(bearer(token));
        expect(res.status).toBe(401);
      }
    });

    it('are refused when signed by a key the service does not know', async () => {
      const acct = await svc.register();
      const { privateKey } = rsaKeys();
      for (const kid of [svc.keys.jwks.keys[0].kid, kidOf(privateKey), 'attacker-key']) {
        const forged = createSigner(
          { kid, privateKey },
          { issuer: 'user-service', audience: 'platform', ttlSeconds: 60 },
        ).sign({
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

  describe('service tokens on /internal/* (POST /internal/api-keys/verify)', () => {
    const verifyKey = (token: string) =>
      request(svc.app)
        .post('/internal/api-keys/verify')
        .set(bearer(token))
        .send({ key: 'sk_live_' + 'x'.repeat(32) });
    const tokens = () => createServiceTokens(svc.config.SERVICE_TOKEN_SECRET);

    it('accept a listed caller with a token for user-service', async () => {
      expect((await verifyKey(tokens().token('order-service', 'user-service'))).body).toEqual({
        valid: false,
      });
    });

    it('answer 401 to a token for another service, 403 to a caller the route does not list', async () => {
      expect((await verifyKey(tokens().token('order-service', 'payment-service'))).status).toBe(401);
      const res = await verifyKey(tokens().token('notification-worker', 'user-service'));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });

    it('npm run token -- <caller> <target> mints a token the named route accepts', async () => {
      const env = { SERVICE_TOKEN_SECRET: svc.config.SERVICE_TOKEN_SECRET };
      const minted = mintServiceToken(['data-pipeline', 'user-service'], env);
      if (!minted.ok) throw new Error(minted.error);
      await verifyKey(minted.token).expect(200);
      expect(mintServiceToken(['data-pipeline'], env)).toEqual({
        ok: false,
        error: expect.stringMatching(/^usage: npm run token -- <caller> <target>/),
      });

      // the command itself, as a developer runs it
      const { stdout } = await promisify(execFile)(
        path.resolve('node_modules/.bin/tsx'),
        ['--tsconfig', 'tsconfig.base.json', 'libs/auth/src/cli/token.ts', 'ml-engine', 'user-service'],
        { env: { ...process.env, ...env } },
      );
      await verifyKey(stdout.trim()).expect(200);
    });
  });

  describe('with TRUST_PROXY=false and a previous signing key', () => {
    const previous = rsaKeys();
    let other: UserService;
    beforeAll(
      async () =>
        void (other = await startUserService({
          env: {
            TRUST_PROXY: 'false',
            LOGIN_MAX_FAILURES_PER_IP: '2',
            JWT_PREVIOUS_PUBLIC_KEYS: previous.publicKey,
          },
        })),
    );
    afterAll(() => other.stop());

    it('ignores X-Forwarded-For: the socket address is what the throttle counts', async () => {
      const attempt = (email: string) =>
        request(other.app)
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', freshIp())
          .send({ email, password: 'guess-guess' });
      const tag = randomBytes(4).toString('hex');
      await attempt(`a-${tag}@example.com`).expect(401);
      await attempt(`b-${tag}@example.com`).expect(401);
      await attempt(`c-${tag}@example.com`).expect(429);
    });

    it('publishes the previous key and accepts its tokens, while signing with the current one', async () => {
      const acct = await other.register();
      const kids = other.keys.jwks.keys.map((k) => k.kid);
      expect(kids).toEqual([
        jwt.decode(acct.access_token, { complete: true })?.header.kid,
        kidOf(previous.publicKey),
      ]);
      const old = createSigner(
        { kid: kidOf(previous.publicKey), privateKey: previous.privateKey },
        { issuer: 'user-service', audience: 'platform', ttlSeconds: 60 },
      ).sign({ sub: acct.user.id, tenant_id: acct.user.tenant_id, role: 'admin', typ: 'access' });
      await request(other.app).get(`/api/users/${acct.user.id}`).set(bearer(old)).expect(200);
      const jwks = await request(other.app).get('/.well-known/jwks.json').expect(200);
      expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(kids);
    });
  });
});
