import { accessTokenVerifier, apiKeyVerifier, dependencyCheck } from '@platform/clients';
import {
  EXAMPLE,
  apiKeyUnknown,
  apiKeyValid,
  internalUserExists,
  internalUserUnknown,
  jwks,
  ready,
  testOnlyAccessToken,
  userServiceAt,
} from '@platform/clients/testing';
import { consumerPact } from '@platform/pact';
import { createLogger } from '@platform/service-kit';
import { loadOrderServiceConfig } from '../../src/config';
import { type OrderDeps } from '../../src/orders/order-deps';
import { buyerOf } from '../../src/orders/price-lines';

/** order-service's calls to user-service: the buyer of an order, API keys, the JWKS of access tokens, readiness. */
const pact = consumerPact('order-service', 'user-service');
const config = loadOrderServiceConfig({ ...process.env, NODE_ENV: 'test' });
const logger = createLogger('order-service', 'silent');
const client = (url: string) => userServiceAt('order-service', config, url);
/** An admin ordering for a user of their shop: the case that asks user-service. */
const admin = { kind: 'user', userId: EXAMPLE.keyId, tenantId: EXAMPLE.tenantId, role: 'admin' } as const;
const buyer = (url: string, userId: string) =>
  buyerOf(admin, { userId, items: [] } as never, { userService: client(url) } as OrderDeps);

describe('order-service → user-service', () => {
  it('orders for a user of the shop that user-service knows', () =>
    internalUserExists(pact, 'order-service').executeTest(async (mock) => {
      await expect(buyer(mock.url, EXAMPLE.userId)).resolves.toBe(EXAMPLE.userId);
    }));

  it('refuses an order for an unknown user with ORDER_001, not an outage', () =>
    internalUserUnknown(pact, 'order-service').executeTest(async (mock) => {
      await expect(buyer(mock.url, EXAMPLE.unknownId)).rejects.toMatchObject({
        code: 'ORDER_001',
        status: 400,
      });
    }));

  it("accepts an active API key as its tenant's principal", () =>
    apiKeyValid(pact, 'order-service').executeTest(async (mock) => {
      await expect(apiKeyVerifier(client(mock.url))(EXAMPLE.apiKey)).resolves.toEqual({
        kind: 'api_key',
        keyId: EXAMPLE.keyId,
        tenantId: EXAMPLE.tenantId,
        permissions: ['read'],
      });
    }));

  it('gives an unknown API key no principal', () =>
    apiKeyUnknown(pact, 'order-service').executeTest(async (mock) => {
      await expect(apiKeyVerifier(client(mock.url))(EXAMPLE.unknownApiKey)).resolves.toBeUndefined();
    }));

  it('verifies an access token with the keys user-service publishes', () =>
    jwks(pact).executeTest(async (mock) => {
      const verify = accessTokenVerifier({ ...config, USER_SERVICE_URL: mock.url }, logger);
      const claims = { sub: EXAMPLE.userId, tenant_id: EXAMPLE.tenantId, role: 'viewer' };
      const token = testOnlyAccessToken(claims, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
      await expect(verify(token)).resolves.toMatchObject({ ...claims, typ: 'access' });
    }));

  it('counts user-service as a ready dependency in its /health when user-service says it is ready', () =>
    ready(pact).executeTest(async (mock) => {
      await expect(dependencyCheck(client(mock.url)).check()).resolves.toBeUndefined();
    }));
});
