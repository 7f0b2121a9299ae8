export { hashPassword, verifyPassword, DUMMY_HASH } from './password';
export { createSigner, createVerifier, type AccessClaims, type SigningKey, type KeyLookup } from './jwt';
export { publicJwk, jwksKeyLookup } from './jwks';
export { createServiceTokens, type ServiceTokens } from './service-token';
export { generateApiKey, hashApiKey, hashToken, isApiKey } from './api-key';
export {
  authenticate,
  principalOf,
  requireUser,
  requirePrincipal,
  requireService,
  type Principal,
  type AuthenticateOptions,
} from './principal';
