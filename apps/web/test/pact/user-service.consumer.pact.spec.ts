import {
  EXAMPLE,
  jwks,
  loginAccepted,
  loginRefused,
  logout,
  refreshAccepted,
  refreshRefused,
  registerInShop,
  registerOwnShop,
  testOnlyAccessToken,
} from '@platform/clients/testing';
import { consumerPact } from '@platform/pact';
import { createLogger, createMetrics } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../../src/compose';
import { loadWebConfig } from '../../src/config';

/**
 * The web app's calls to user-service: its session endpoints (/web-api/session/*) sign in, sign up,
 * refresh and sign out through user-service's auth API, and a refreshed access token is verified with
 * user-service's JWKS. The web server is composed as main.ts composes it, user-service being Pact's mock.
 */
const pact = consumerPact('web', 'user-service');
const config = loadWebConfig({ ...process.env, NODE_ENV: 'test' });
const token = testOnlyAccessToken(
  { sub: EXAMPLE.userId, tenant_id: EXAMPLE.tenantId, role: 'admin' },
  { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
);
const web = async (url: string) => {
  const ctx = { logger: createLogger('web', 'silent'), metrics: createMetrics('web', { defaults: false }) };
  return (await compose({ config: { ...config, USER_SERVICE_URL: url }, ...ctx })).app;
};
const refreshCookie = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('platform_refresh='));
const withCookie = (value: string) => ({ cookie: `platform_refresh=${value}` });

describe('web → user-service', () => {
  it('signs a user in: the access token in the answer, the refresh token only as a cookie', () =>
    loginAccepted(pact, token).executeTest(async (mock) => {
      const res = await request(await web(mock.url))
        .post('/web-api/session/login')
        .send({ email: 'buyer@example.com', password: 'correct-horse-battery' })
        .expect(200);
      expect(res.body).toEqual({
        access_token: token,
        expires_in: 900,
        user: { id: EXAMPLE.userId, email: 'buyer@example.com', tenant_id: EXAMPLE.tenantId, role: 'admin' },
      });
      expect(refreshCookie(res)).toMatch(/^platform_refresh=rt_example_refresh_token;.*HttpOnly/);
    }));

  it("passes user-service's 401 for a wrong password to the browser, with no session", () =>
    loginRefused(pact).executeTest(async (mock) => {
      const res = await request(await web(mock.url))
        .post('/web-api/session/login')
        .send({ email: 'buyer@example.com', password: 'not-the-password' })
        .expect(401);
      expect(res.body.error.code).toBe('AUTHENTICATION_FAILED');
      expect(refreshCookie(res)).toBeUndefined();
    }));

  it('signs up a new shop owner as its admin', () =>
    registerOwnShop(pact, token).executeTest(async (mock) => {
      const res = await request(await web(mock.url))
        .post('/web-api/session/register')
        .send({ email: 'owner@example.com', password: 'owner-password-1' })
        .expect(201);
      expect(res.body.user).toMatchObject({ id: EXAMPLE.userId, role: 'admin' });
      expect(refreshCookie(res)).toBeDefined();
    }));

  it("signs up a buyer in a shop (tenant_id sent as X-Tenant-Id) as that shop's viewer", () =>
    registerInShop(pact, token).executeTest(async (mock) => {
      const res = await request(await web(mock.url))
        .post('/web-api/session/register')
        .send({ email: 'buyer@example.com', password: 'buyer-password-1', tenant_id: EXAMPLE.tenantId })
        .expect(201);
      expect(res.body.user).toMatchObject({ tenant_id: EXAMPLE.tenantId, role: 'viewer' });
    }));

  it('refreshes a session: rotates the cookie and reads who it is from the verified access token', () => {
    jwks(pact);
    return refreshAccepted(pact, token).executeTest(async (mock) => {
      const res = await request(await web(mock.url))
        .post('/web-api/session/refresh')
        .set(withCookie('rt_example_refresh_token'))
        .send({})
        .expect(200);
      expect(res.body).toEqual({
        access_token: token,
        expires_in: 900,
        user: { id: EXAMPLE.userId, tenant_id: EXAMPLE.tenantId, role: 'admin' },
      });
      expect(refreshCookie(res)).toMatch(/^platform_refresh=rt_example_rotated_token;/);
    });
  });

  it('ends the session in the browser when user-service refuses the refresh token', () =>
    refreshRefused(pact).executeTest(async (mock) => {
      const res = await request(await web(mock.url))
        .post('/web-api/session/refresh')
        .set(withCookie('rt_unknown_refresh_token'))
        .send({})
        .expect(401);
      expect(refreshCookie(res)).toMatch(/^platform_refresh=;.*Expires=Thu, 01 Jan 1970/);
    }));

  it('signs out: user-service revokes the refresh token, the cookie goes', () =>
    logout(pact).executeTest(async (mock) => {
      const res = await request(await web(mock.url))
        .post('/web-api/session/logout')
        .set(withCookie('rt_example_refresh_token'))
        .send({})
        .expect(204);
      expect(refreshCookie(res)).toMatch(/^platform_refresh=;/);
    }));
});
