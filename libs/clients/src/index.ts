export {
  userServiceClient,
  accessTokenVerifier,
  apiKeyVerifier,
  verifyApiKeyRemotely,
  type UserServiceClientOptions,
  fetchInternalUser,
  fetchTenant,
} from './user-service.client';
export { dependencyCheck } from './dependency-check';
export { ApiKeyCache } from './api-key-cache';
export {
  tenantCallers,
  tenantOf,
  dashboardUser,
  type Permission,
  type TenantCallersOptions,
} from './tenant-callers';
