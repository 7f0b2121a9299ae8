import { accessTokenVerifier, apiKeyVerifier } from '@platform/clients';
import {
  EXAMPLE,
  apiKeyUnknown,
  apiKeyValid,
  jwks,
  testOnlyAccessToken,
  userServiceAt,
} from '@platform/clients/testing';
import { consumerPact } from '@platform/pact';
import { createLogger } from '@platform/service-kit';
import { loadDataPipelineConfig } from '../../src/config';

/**
 * data-pipeline's calls to user-service: its callers' API keys and access tokens (tenantCallers of
 * libs/clients, which put these verifiers behind /api/v1/*).
 */
const pact = consumerPact('data-pipeline', 'user-service');
const config = loadDataPipelineConfig({ ...process.env, NODE_ENV: 'test' });
const logger = createLogger('data-pipeline', 'silent');
const verifyKey = (url: string) => apiKeyVerifier(userServiceAt('data-pipeline', config, url));

describe('data-pipeline → user-service', () => {
  it("accepts an active API key as its tenant's principal", () =>
    apiKeyValid(pact, 'data-pipeline').executeTest(async (mock) => {
      await expect(verifyKey(mock.url)(EXAMPLE.apiKey)).resolves.toEqual({
        kind: 'api_key',
        keyId: EXAMPLE.keyId,
        tenantId: EXAMPLE.tenantId,
        permissions: ['read'],
      });
    }));

  it('gives an unknown API key no principal', () =>
    apiKeyUnknown(pact, 'data-pipeline').executeTest(async (mock) => {
      await expect(verifyKey(mock.url)(EXAMPLE.unknownApiKey)).resolves.toBeUndefined();
    }));

  it('verifies an access token with the keys user-service publishes', () =>
    jwks(pact).executeTest(async (mock) => {
      const verify = accessTokenVerifier({ ...config, USER_SERVICE_URL: mock.url }, logger);
      const claims = { sub: EXAMPLE.userId, tenant_id: EXAMPLE.tenantId, role: 'developer' };
      const token = testOnlyAccessToken(claims, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
      await expect(verify(token)).resolves.toMatchObject({ ...claims, typ: 'access' });
    }));
});
