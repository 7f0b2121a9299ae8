import { createServiceTokens, createVerifier, jwksKeyLookup } from '@platform/auth';
import { type VerifyApiKeyResponse } from '@platform/contracts';
import { type BreakerRegistry, ServiceClient } from '@platform/resilience';
import { type HealthCheck, type Logger } from '@platform/service-kit';
import { type Config } from '../config';

/** order-service's calls to user-service, behind the `user_service` breaker, with service tokens. */
export function createUserServiceClient(config: Config, registry: BreakerRegistry): ServiceClient {
  return new ServiceClient({
    name: 'user_service',
    baseUrl: config.USER_SERVICE_URL,
    registry,
    timeoutMs: config.HTTP_TIMEOUT_MS,
    breaker: { resetTimeoutMs: config.BREAKER_RESET_MS },
    serviceToken: {
      tokens: createServiceTokens(config.SERVICE_TOKEN_SECRET),
      caller: 'order-service',
      audience: 'user-service',
    },
  });
}

/** Verifies access tokens with the keys user-service publishes (JWKS), expiry, issuer and audience. */
export function accessTokenVerifier(config: Config, logger: Logger) {
  const lookup = jwksKeyLookup(`${config.USER_SERVICE_URL}/.well-known/jwks.json`, {
    logger,
    timeoutMs: config.HTTP_TIMEOUT_MS,
  });
  return createVerifier(lookup, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
}

/** An `sk_…` key presented by a client, checked by user-service (`POST /internal/api-keys/verify`). */
export const verifyApiKeyRemotely = (client: ServiceClient) => (key: string) =>
  client.post<VerifyApiKeyResponse>('/internal/api-keys/verify', { key }, { idempotent: true });

/** `dependencies` in /health: user-service answers /ready. Not critical (the catalog reads without it). */
export const userServiceCheck = (client: ServiceClient): HealthCheck => ({
  name: 'dependencies',
  critical: false,
  check: () => client.probe('/ready', { timeoutMs: 1000 }),
});
