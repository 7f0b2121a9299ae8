import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  createSigner,
  createVerifier,
  devKeyPath,
  kidOf,
  loadOrCreateDevSecret,
  publicJwk,
  type Clock,
} from '@platform/auth';
import { type Jwks } from '@platform/contracts';
import { type Logger } from '@platform/service-kit';
import { type Config } from '../config';

export interface AccessTokenKeys {
  sign: ReturnType<typeof createSigner>['sign'];
  verify: ReturnType<typeof createVerifier>;
  jwks: Jwks;
  ttlSeconds: number;
}

export const DEV_SIGNING_KEY_FILE = 'user-service-jwt.pem';

const generatePem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

/** The configured private key or, outside production, the checkout's development key (created once). */
function privateKeyPem(config: Config, logger: Logger): string {
  if (config.JWT_PRIVATE_KEY) return config.JWT_PRIVATE_KEY;
  const file = devKeyPath(DEV_SIGNING_KEY_FILE);
  const { value, persisted } = loadOrCreateDevSecret(file, generatePem);
  logger.warn(
    persisted
      ? 'JWT_PRIVATE_KEY not set: signing with the development key'
      : 'JWT_PRIVATE_KEY not set and the development key cannot be stored: tokens die with this process',
    { file },
  );
  return value;
}

/**
 * The RS256 key that signs access tokens, its verifier and the JWKS that publishes it. Every `kid` is
 * the key's RFC 7638 thumbprint. Previous public keys (rotation) are published and accepted until
 * the tokens they signed have expired, and never sign.
 */
export function accessTokenKeys(config: Config, logger: Logger, opts: { now?: Clock } = {}): AccessTokenKeys {
  const privateKey = privateKeyPem(config, logger);
  const publicKey = createPublicKey(createPrivateKey(privateKey))
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const kid = kidOf(publicKey);
  const verifying = new Map([[kid, publicKey]]);
  for (const pem of config.JWT_PREVIOUS_PUBLIC_KEYS)
    if (!verifying.has(kidOf(pem))) verifying.set(kidOf(pem), pem);
  const claims = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, now: opts.now };
  const signer = createSigner(
    { kid, privateKey },
    { ...claims, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS },
  );
  return {
    sign: signer.sign,
    verify: createVerifier((k) => verifying.get(k), claims),
    jwks: { keys: [...verifying].map(([k, pem]) => publicJwk(pem, k)) },
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  };
}
