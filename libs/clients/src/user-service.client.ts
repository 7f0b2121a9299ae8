import { createServiceTokens, createVerifier, jwksKeyLookup, type Principal } from '@platform/auth';
import {
  type InternalUserResponse,
  type TenantResponse,
  TenantResponseSchema,
  type VerifyApiKeyResponse,
} from '@platform/contracts';
import { type BreakerRegistry, ServiceClient } from '@platform/resilience';
import { type Logger } from '@platform/service-kit';

/** What every caller of user-service has in its config. */
export interface UserServiceClientOptions {
  USER_SERVICE_URL: string;
  SERVICE_TOKEN_SECRET: string;
  HTTP_TIMEOUT_MS: number;
  BREAKER_RESET_MS: number;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}

/** A service's calls to user-service, behind the `user_service` breaker, with service tokens. */
export function userServiceClient(
  caller: string,
  config: UserServiceClientOptions,
  registry: BreakerRegistry,
): ServiceClient {
  return new ServiceClient({
    name: 'user_service',
    baseUrl: config.USER_SERVICE_URL,
    registry,
    timeoutMs: config.HTTP_TIMEOUT_MS,
    breaker: { resetTimeoutMs: config.BREAKER_RESET_MS },
    serviceToken: {
      tokens: createServiceTokens(config.SERVICE_TOKEN_SECRET),
      caller,
      audience: 'user-service',
    },
  });
}

/** Verifies access tokens with the keys user-service publishes (JWKS), expiry, issuer and audience. */
export function accessTokenVerifier(config: UserServiceClientOptions, logger: Logger) {
  const lookup = jwksKeyLookup(`${config.USER_SERVICE_URL}/.well-known/jwks.json`, {
    logger,
    timeoutMs: config.HTTP_TIMEOUT_MS,
  });
  return createVerifier(lookup, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
}

/** An `sk_…` key presented by a client, checked by user-service (`POST /internal/api-keys/verify`). */
export const verifyApiKeyRemotely = (client: ServiceClient) => (key: string) =>
  client.post<VerifyApiKeyResponse>('/internal/api-keys/verify', { key }, { idempotent: true });

/** `authenticate({verifyApiKey})` from user-service's verdict: the key's principal, or none. */
export function apiKeyVerifier(client: ServiceClient) {
  const verify = verifyApiKeyRemotely(client);
  return async (key: string): Promise<Extract<Principal, { kind: 'api_key' }> | undefined> => {
    const v = await verify(key);
    return v.valid
      ? { kind: 'api_key', keyId: v.key_id, tenantId: v.tenant_id, permissions: v.permissions }
      : undefined;
  };
}

/** `GET /internal/users/{user_id}` (service token): the user, or undefined when user-service knows none (404). */
export const fetchInternalUser =
  (client: ServiceClient) =>
  async (userId: string): Promise<InternalUserResponse | undefined> => {
    try {
      return await client.get<InternalUserResponse>(`/internal/users/${encodeURIComponent(userId)}`);
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  };

/** `GET /internal/tenants/{tenant_id}` (service token): the tenant with its settings, or undefined when user-service knows none (404). */
export async function fetchTenant(
  client: ServiceClient,
  tenantId: string,
): Promise<TenantResponse | undefined> {
  try {
    const body = await client.get<unknown>(`/internal/tenants/${encodeURIComponent(tenantId)}`);
    return TenantResponseSchema.parse(body);
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}
