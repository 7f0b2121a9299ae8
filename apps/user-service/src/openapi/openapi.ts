import { buildOpenApiDocument, type OpenApiDocument } from '@platform/service-kit';
import { registerApiKeysPaths } from '../api-keys/api-keys.openapi';
import { registerAuthPaths } from '../auth/auth.openapi';
import { registerInternalTenantsPaths, registerTenantsPaths } from '../tenants/tenants.openapi';
import { registerInternalUsersPaths } from '../users/internal-users.openapi';
import { registerUsersPaths } from '../users/users.openapi';

/** user-service's OpenAPI document: each component registers its own paths beside its routes. */
export function buildUserServiceOpenApi(): OpenApiDocument {
  return buildOpenApiDocument(
    {
      title: 'user-service',
      version: '1.0.0',
      description: 'Users, auth, tenants and API keys (seeds 000-004).',
      serverUrl: 'http://localhost:3002',
    },
    [
      registerAuthPaths,
      registerUsersPaths,
      registerTenantsPaths,
      registerApiKeysPaths,
      registerInternalUsersPaths,
      registerInternalTenantsPaths,
    ],
  );
}
