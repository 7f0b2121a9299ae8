import { createPublicKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEV_SERVICE_TOKEN_SECRET, devKeyPath, kidOf } from '@platform/auth';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { bearer, startOrderService, type OrderService } from './harness';

/** A JWT assembled by hand: what no honest library would sign (alg none, HMAC keyed with a public key). */
const handMade = (header: object, payload: object, signature = '') => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part(header)}.${part(payload)}.${signature}`;
};

describe('order-service refuses forged tokens (401 in the error envelope)', () => {
  let h: OrderService;
  let shop: Awaited<ReturnType<OrderService['newShop']>>;
  /** user-service signs with the checkout's development key (no JWT_PRIVATE_KEY in tests): the attacker's best case. */
  let privateKey: string;
  let publicKey: string;
  let kid: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    h = await startOrderService({ startBackground: false });
    shop = await h.newShop();
    // written by user-service on its first start (a fresh checkout has none before the harness ran it)
    privateKey = readFileSync(devKeyPath('user-service-jwt.pem'), 'utf8');
    publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    kid = kidOf(publicKey);
  });
  afterAll(() => h?.stop());

  const claims = () => ({ sub: shop.admin.user.id, tenant_id: shop.tenantId, role: 'admin', typ: 'access' });
  const rs256 = (payload: object, opts: jwt.SignOptions = {}) =>
    jwt.sign(payload, privateKey, {
      algorithm: 'RS256',
      keyid: kid,
      issuer: 'user-service',
      audience: 'platform',
      expiresIn: 900,
      ...opts,
    });
  const refused = async (token: string) => {
    const res = await request(h.app).get(`/api/orders/user/${shop.admin.user.id}`).set(bearer(token));
    expect({ status: res.status, code: ErrorEnvelopeSchema.parse(res.body).error.code }).toEqual({
      status: 401,
      code: 'AUTHENTICATION_FAILED',
    });
  };

  it('takes a token signed as user-service signs (the forgeries below differ from it in one way each)', async () => {
    expect(jwt.decode(shop.token, { complete: true })?.header.kid).toBe(kid);
    await request(h.app)
      .get(`/api/orders/user/${shop.admin.user.id}`)
      .set(bearer(rs256(claims())))
      .expect(200);
  });

  it('refuses alg none, and HS256 keyed with the public key', async () => {
    const payload = { ...claims(), iss: 'user-service', aud: 'platform', exp: now() + 900 };
    await refused(handMade({ alg: 'none', typ: 'JWT', kid }, payload));
    await refused(jwt.sign(payload, publicKey, { algorithm: 'HS256', keyid: kid }));
  });

  it('refuses an expired token, another audience, another issuer, and no expiry', async () => {
    await refused(rs256({ ...claims(), iat: now() - 1000 }, { expiresIn: 60 }));
    await refused(rs256(claims(), { audience: 'another-platform' }));
    await refused(rs256(claims(), { issuer: 'evil-issuer' }));
    await refused(
      jwt.sign(claims(), privateKey, {
        algorithm: 'RS256',
        keyid: kid,
        issuer: 'user-service',
        audience: 'platform',
      }),
    );
  });

  it('refuses an unknown kid, and a real token whose payload was edited', async () => {
    await refused(rs256(claims(), { keyid: `forged-${randomUUID()}` }));
    const [head, , sig] = shop.token.split('.');
    const elevated = Buffer.from(
      JSON.stringify({ ...(jwt.decode(shop.token) as object), role: 'owner' }),
    ).toString('base64url');
    await refused(`${head}.${elevated}.${sig}`);
  });

  it('refuses a refresh token used as an access token', async () => {
    await refused(shop.admin.refresh_token);
    await refused(rs256({ ...claims(), typ: 'refresh' }));
  });

  describe('GET /internal/orders/{id}: service tokens (HS256, shared secret)', () => {
    const service = (secret: string, opts: jwt.SignOptions = {}, payload: object = {}) =>
      jwt.sign({ typ: 'service', ...payload }, secret, {
        algorithm: 'HS256',
        issuer: 'platform-internal',
        subject: 'payment-service',
        audience: 'order-service',
        expiresIn: 300,
        ...opts,
      });
    const internal = (token: string) =>
      request(h.app).get(`/internal/orders/${randomUUID()}`).set(bearer(token));
    const refusedInternal = async (token: string) => {
      const res = await internal(token);
      expect({ status: res.status, code: ErrorEnvelopeSchema.parse(res.body).error.code }).toEqual({
        status: 401,
        code: 'AUTHENTICATION_FAILED',
      });
    };

    it('takes payment-service token for order-service (an unknown order is then 404)', async () => {
      await internal(service(DEV_SERVICE_TOKEN_SECRET)).expect(404);
    });

    it('refuses alg none, another secret, another audience, expired, and a user access token', async () => {
      const payload = {
        typ: 'service',
        sub: 'payment-service',
        iss: 'platform-internal',
        aud: 'order-service',
        exp: now() + 300,
      };
      await refusedInternal(handMade({ alg: 'none', typ: 'JWT' }, payload));
      await refusedInternal(service('x'.repeat(48)));
      await refusedInternal(service(DEV_SERVICE_TOKEN_SECRET, { audience: 'user-service' }));
      await refusedInternal(service(DEV_SERVICE_TOKEN_SECRET, { expiresIn: 60 }, { iat: now() - 1000 }));
      await refusedInternal(service(DEV_SERVICE_TOKEN_SECRET, {}, { typ: 'access' }));
      // a valid user token is authenticated, but not payment-service: 403
      const res = await internal(shop.token);
      expect({ status: res.status, code: ErrorEnvelopeSchema.parse(res.body).error.code }).toEqual({
        status: 403,
        code: 'FORBIDDEN',
      });
    });
  });
});
