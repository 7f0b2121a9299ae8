import { accessTokenVerifier, fetchInternalUser } from '@platform/clients';
import {
  EXAMPLE,
  internalUserExists,
  internalUserUnknown,
  jwks,
  testOnlyAccessToken,
  userServiceAt,
} from '@platform/clients/testing';
import { consumerPact } from '@platform/pact';
import { createLogger } from '@platform/service-kit';
import { loadPaymentServiceConfig } from '../../src/config';

/** payment-service's calls to user-service: the user a payment is for, the JWKS of access tokens. */
const pact = consumerPact('payment-service', 'user-service');
const config = loadPaymentServiceConfig({ ...process.env, NODE_ENV: 'test' });
const logger = createLogger('payment-service', 'silent');
// the payments component's fetchUser, as payments.component.ts builds it
const fetchUser = (url: string) => fetchInternalUser(userServiceAt('payment-service', config, url));

describe('payment-service → user-service', () => {
  it('reads the tenant, role and state of the user a payment is for', () =>
    internalUserExists(pact, 'payment-service').executeTest(async (mock) => {
      await expect(fetchUser(mock.url)(EXAMPLE.userId)).resolves.toEqual({
        id: EXAMPLE.userId,
        tenant_id: EXAMPLE.tenantId,
        role: 'viewer',
        is_active: true,
      });
    }));

  it('takes a 404 as "no such user" (undefined), not as an outage', () =>
    internalUserUnknown(pact, 'payment-service').executeTest(async (mock) => {
      await expect(fetchUser(mock.url)(EXAMPLE.unknownId)).resolves.toBeUndefined();
    }));

  it('verifies an access token with the keys user-service publishes', () =>
    jwks(pact).executeTest(async (mock) => {
      const verify = accessTokenVerifier({ ...config, USER_SERVICE_URL: mock.url }, logger);
      const claims = { sub: EXAMPLE.userId, tenant_id: EXAMPLE.tenantId, role: 'viewer' };
      const token = testOnlyAccessToken(claims, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
      await expect(verify(token)).resolves.toMatchObject({ ...claims, typ: 'access' });
    }));
});
