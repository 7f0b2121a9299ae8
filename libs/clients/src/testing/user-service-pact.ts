import { type consumerPact, MatchersV3, serviceTokenHeader } from '@platform/pact';
import { BreakerRegistry } from '@platform/resilience';
import { createMetrics } from '@platform/service-kit';
import { type UserServiceClientOptions, userServiceClient } from '../user-service.client';
import { TEST_ONLY_JWK } from './test-only-signing-key';

const { like, uuid, regex, boolean, integer, eachLike, equal, fromProviderState } = MatchersV3;

/** A consumer's pact with user-service (consumerPact(consumer, 'user-service')). */
export type UserServicePact = ReturnType<typeof consumerPact>;

/** The example ids of the pacts (the provider's states put real ones in their place). */
export const EXAMPLE = {
  userId: '7b0c1a52-3f7e-4c8e-9a51-2d7e1c9b4f10',
  tenantId: '5e2f8a31-9c4d-4b7a-8e16-0f3a2b6c9d84',
  keyId: 'c4a91e07-2b5d-4f38-a6c2-81e9d0f7b3a5',
  unknownId: '00000000-0000-4000-8000-000000000404',
  apiKey: 'sk_test_ExampleExampleExampleExample1234',
  unknownApiKey: 'sk_live_UnknownUnknownUnknownUnknown0000',
} as const;

/** The consumer's real user-service client (as its compose.ts builds it), aimed at Pact's mock server. */
export const userServiceAt = (caller: string, config: UserServiceClientOptions, url: string) =>
  userServiceClient(
    caller,
    { ...config, USER_SERVICE_URL: url },
    new BreakerRegistry(createMetrics(caller, { defaults: false })),
  );

const role = (example = 'viewer') => regex('^(admin|developer|viewer)$', example);
const auth = (caller: string) => ({ Authorization: serviceTokenHeader(caller, 'user-service') });
const json = (caller: string) => ({ ...auth(caller), 'Content-Type': 'application/json' });

/** `GET /internal/users/{id}` of a user user-service knows (order-service, payment-service). */
export const internalUserExists = (pact: UserServicePact, caller: string) =>
  pact
    .addInteraction()
    .given('a user exists')
    .uponReceiving('a request for a user by id')
    .withRequest(
      'GET',
      fromProviderState('/internal/users/${userId}', `/internal/users/${EXAMPLE.userId}`),
      (b) => b.headers(auth(caller)),
    )
    .willRespondWith(200, (b) =>
      b.jsonBody({
        id: uuid(EXAMPLE.userId),
        tenant_id: uuid(EXAMPLE.tenantId),
        role: role(),
        is_active: boolean(true),
      }),
    );

/** The same for an id no user has: 404 USER_004 (order-service tells it apart from an outage by the code). */
export const internalUserUnknown = (pact: UserServicePact, caller: string) =>
  pact
    .addInteraction()
    .uponReceiving('a request for a user by an id no user has')
    .withRequest('GET', `/internal/users/${EXAMPLE.unknownId}`, (b) => b.headers(auth(caller)))
    .willRespondWith(404, (b) => b.jsonBody({ error: { code: 'USER_004' } }));

/** `POST /internal/api-keys/verify` with a tenant's active key: what the key may do, and for whom. */
export const apiKeyValid = (pact: UserServicePact, caller: string) =>
  pact
    .addInteraction()
    .given('an API key exists')
    .uponReceiving('a request to verify an active API key')
    .withRequest('POST', '/internal/api-keys/verify', (b) =>
      b.headers(json(caller)).jsonBody({ key: fromProviderState('${apiKey}', EXAMPLE.apiKey) }),
    )
    .willRespondWith(200, (b) =>
      b.jsonBody({
        valid: true,
        tenant_id: uuid(EXAMPLE.tenantId),
        key_id: uuid(EXAMPLE.keyId),
        permissions: eachLike(regex('^(read|write)$', 'read')),
      }),
    );

/** The same with a key user-service never issued: `valid: false` (a 200, not an error). */
export const apiKeyUnknown = (pact: UserServicePact, caller: string) =>
  pact
    .addInteraction()
    .uponReceiving('a request to verify an unknown API key')
    .withRequest('POST', '/internal/api-keys/verify', (b) =>
      b.headers(json(caller)).jsonBody({ key: EXAMPLE.unknownApiKey }),
    )
    .willRespondWith(200, (b) => b.jsonBody({ valid: false }));

/** `GET /internal/tenants/{id}` (ml-engine): the tenant's ML settings. */
export const tenantExists = (pact: UserServicePact, caller: string) =>
  pact
    .addInteraction()
    .given('a tenant exists')
    .uponReceiving('a request for a tenant by id')
    .withRequest(
      'GET',
      fromProviderState('/internal/tenants/${tenantId}', `/internal/tenants/${EXAMPLE.tenantId}`),
      (b) => b.headers(auth(caller)),
    )
    .willRespondWith(200, (b) =>
      b.jsonBody({
        tenant_id: uuid(EXAMPLE.tenantId),
        name: like('Example shop'),
        plan: regex('^(starter|pro|enterprise)$', 'starter'),
        status: regex('^(active|suspended)$', 'active'),
        created_at: regex('^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z$', '2026-01-01T00:00:00.000Z'),
        settings: { default_model: like('two_tower'), embedding_dimension: integer(128) },
      }),
    );

/** The same for an id no tenant has: 404. */
export const tenantUnknown = (pact: UserServicePact, caller: string) =>
  pact
    .addInteraction()
    .uponReceiving('a request for a tenant by an id no tenant has')
    .withRequest('GET', `/internal/tenants/${EXAMPLE.unknownId}`, (b) => b.headers(auth(caller)))
    .willRespondWith(404, (b) => b.jsonBody({ error: { code: like('NOT_FOUND') } }));

/**
 * `GET /.well-known/jwks.json` (public): RSA signing keys. The example is the test-only key, so the
 * consumer verifies a token signed with it; the provider's own keys must have the same shape.
 */
export const jwks = (pact: UserServicePact) =>
  pact
    .addInteraction()
    .uponReceiving('a request for the keys that verify access tokens')
    .withRequest('GET', '/.well-known/jwks.json')
    .willRespondWith(200, (b) =>
      b.jsonBody({
        keys: eachLike({
          kty: equal('RSA'),
          kid: like(TEST_ONLY_JWK.kid),
          alg: equal('RS256'),
          use: equal('sig'),
          n: regex('^[A-Za-z0-9_-]+$', TEST_ONLY_JWK.n),
          e: regex('^[A-Za-z0-9_-]+$', TEST_ONLY_JWK.e),
        }),
      }),
    );

/** `GET /ready` (dependencyCheck in the caller's /health): user-service answers 2xx while it can serve. */
export const ready = (pact: UserServicePact) =>
  pact
    .addInteraction()
    .uponReceiving("a request for user-service's readiness")
    .withRequest('GET', '/ready')
    .willRespondWith(200);
