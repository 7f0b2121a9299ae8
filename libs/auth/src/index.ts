export { hashPassword, verifyPassword, dummyPasswordHash } from './password';
export {
  createSigner,
  createVerifier,
  type AccessClaims,
  type Clock,
  type SigningKey,
  type KeyLookup,
} from './jwt';
export { publicJwk, jwksKeyLookup, type JwksLookupOptions } from './jwks';
export { jwkThumbprint, kidOf } from './jwk-thumbprint';
export { devKeyPath, loadOrCreateDevSecret } from './dev-secret';
export {
  createServiceTokens,
  DEV_SERVICE_TOKEN_SECRET,
  isServiceTokenShaped,
  type ServiceTokens,
} from './service-token';
export { mintServiceToken, MINT_TOKEN_USAGE } from './mint-token';
export {
  notificationSecretKey,
  openSecret,
  parseSecretKey,
  sealSecret,
  type SealedSecret,
} from './secret-box';
export { generateApiKey, hashApiKey, hashToken, isApiKey } from './api-key';
export {
  authenticate,
  bearerToken,
  principalOf,
  requireUser,
  requirePrincipal,
  requireService,
  allowServices,
  type Principal,
  type AuthenticateOptions,
  type ServiceGuard,
} from './principal';
export {
  signWebhook,
  verifyWebhook,
  webhookReplayed,
  type WebhookSignatureInput,
  type VerifyOptions as WebhookVerifyOptions,
} from './webhook-signature';
