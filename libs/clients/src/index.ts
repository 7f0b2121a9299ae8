export {
  userServiceClient,
  accessTokenVerifier,
  apiKeyVerifier,
  verifyApiKeyRemotely,
  type UserServiceClientOptions,
  type InternalUser,
} from './user-service.client';
export { dependencyCheck } from './dependency-check';
