import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import { createLogger, createMetrics, createService } from '@platform/service-kit';
import { Router } from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { authenticate, createServiceTokens, createSigner, createVerifier, principalOf } from './index';

/**
 * The attacks auth.spec.ts does not cover (alg none, HS256 with the public key, expiry, aud, iss and
 * unknown kid are there), through `authenticate` as every service mounts it: credentials of the wrong
 * kind presented as an access token.
 */
describe('authenticate refuses a credential of the wrong kind (401 in the envelope)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const opts = { issuer: 'user-service', audience: 'platform' };
  const signer = createSigner({ kid: 'k1', privateKey }, { ...opts, ttlSeconds: 900 });
  const tokens = createServiceTokens('a-test-secret-of-at-least-32-bytes!!');
  const routes = Router();
  routes.use(
    authenticate({
      verifyAccessToken: createVerifier((kid) => (kid === 'k1' ? publicKey : undefined), opts),
      serviceTokens: { tokens, audience: 'order-service' },
    }),
  );
  routes.get('/api/me', (_req, res) => res.json({ who: principalOf(res) ?? null }));
  const { app } = createService({
    name: 'order-service',
    version: 't',
    logger: createLogger('t', 'silent'),
    metrics: createMetrics('t', { defaults: false }),
    checks: [],
    routes: [routes],
  });
  const call = (token: string) =>
    request(app)
      .get('/api/me')
      .set({ authorization: `Bearer ${token}` });
  const refused = async (token: string) => {
    const res = await call(token);
    expect({ status: res.status, code: ErrorEnvelopeSchema.parse(res.body).error.code }).toEqual({
      status: 401,
      code: 'AUTHENTICATION_FAILED',
    });
  };
  const user = { sub: 'u1', tenant_id: 't1', role: 'admin' };

  it('takes an access token (the control)', async () => {
    const res = await call(signer.sign({ ...user, typ: 'access' })).expect(200);
    expect(res.body.who).toEqual({ kind: 'user', userId: 'u1', tenantId: 't1', role: 'admin' });
  });

  it('refuses a refresh token (opaque, as user-service issues them) used as an access token', async () => {
    await refused(`rt_${randomBytes(32).toString('base64url')}`);
  });

  it('refuses a signed JWT whose typ is refresh, service or missing', async () => {
    const sign = (payload: object) =>
      jwt.sign(payload, privateKey, { algorithm: 'RS256', keyid: 'k1', ...opts, expiresIn: 60 });
    await refused(sign({ ...user, typ: 'refresh' }));
    await refused(signer.sign({ ...user, typ: 'service' }));
    await refused(sign(user));
  });

  it('refuses an access token without a tenant or a role', async () => {
    await refused(signer.sign({ sub: 'u1', role: 'admin', typ: 'access' }));
    await refused(signer.sign({ sub: 'u1', tenant_id: 't1', typ: 'access' }));
  });

  it('refuses a service token for another service, and an HS256 token keyed with the public key', async () => {
    await refused(tokens.token('payment-service', 'user-service'));
    const confused = jwt.sign({ typ: 'service' }, publicKey, {
      algorithm: 'HS256',
      issuer: 'platform-internal',
      subject: 'payment-service',
      audience: 'order-service',
      expiresIn: 60,
    });
    await refused(confused);
  });
});
