import { accessTokenVerifier, apiKeyVerifier } from '@platform/clients';
import {
  EXAMPLE,
  apiKeyUnknown,
  apiKeyValid,
  jwks,
  tenantExists,
  tenantUnknown,
  testOnlyAccessToken,
  userServiceAt,
} from '@platform/clients/testing';
import { consumerPact } from '@platform/pact';
import { createLogger } from '@platform/service-kit';
import { loadMlEngineConfig } from '../../src/config';
import { DEFAULT_ML_SETTINGS, tenantSettings } from '../../src/tenants/tenant-settings';

/** ml-engine's calls to user-service: tenants' ML settings, its callers' API keys and access tokens. */
const pact = consumerPact('ml-engine', 'user-service');
const config = loadMlEngineConfig({ ...process.env, NODE_ENV: 'test' });
const logger = createLogger('ml-engine', 'silent');
const client = (url: string) => userServiceAt('ml-engine', config, url);

describe('ml-engine → user-service', () => {
  it("uses a tenant's ML settings from user-service", () =>
    tenantExists(pact, 'ml-engine').executeTest(async (mock) => {
      const settings = tenantSettings({ userService: client(mock.url), logger });
      await expect(settings.of(EXAMPLE.tenantId)).resolves.toEqual({
        default_model: 'two_tower',
        embedding_dimension: 128,
      });
    }));

  it('gives a tenant user-service does not know the default settings', () =>
    tenantUnknown(pact, 'ml-engine').executeTest(async (mock) => {
      const settings = tenantSettings({ userService: client(mock.url), logger });
      await expect(settings.of(EXAMPLE.unknownId)).resolves.toEqual(DEFAULT_ML_SETTINGS);
    }));

  it("accepts an active API key as its tenant's principal", () =>
    apiKeyValid(pact, 'ml-engine').executeTest(async (mock) => {
      await expect(apiKeyVerifier(client(mock.url))(EXAMPLE.apiKey)).resolves.toEqual({
        kind: 'api_key',
        keyId: EXAMPLE.keyId,
        tenantId: EXAMPLE.tenantId,
        permissions: ['read'],
      });
    }));

  it('gives an unknown API key no principal', () =>
    apiKeyUnknown(pact, 'ml-engine').executeTest(async (mock) => {
      await expect(apiKeyVerifier(client(mock.url))(EXAMPLE.unknownApiKey)).resolves.toBeUndefined();
    }));

  it('verifies an access token with the keys user-service publishes', () =>
    jwks(pact).executeTest(async (mock) => {
      const verify = accessTokenVerifier({ ...config, USER_SERVICE_URL: mock.url }, logger);
      const claims = { sub: EXAMPLE.userId, tenant_id: EXAMPLE.tenantId, role: 'admin' };
      const token = testOnlyAccessToken(claims, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
      await expect(verify(token)).resolves.toMatchObject({ ...claims, typ: 'access' });
    }));
});
