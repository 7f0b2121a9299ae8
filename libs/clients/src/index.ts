export {
  userServiceClient,
  accessTokenVerifier,
  apiKeyVerifier,
  verifyApiKeyRemotely,
  type UserServiceClientOptions,
  fetchInternalUser,
} from './user-service.client';
export { dependencyCheck } from './dependency-check';
