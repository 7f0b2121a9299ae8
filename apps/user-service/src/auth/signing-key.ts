import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createSigner, createVerifier, publicJwk } from '@platform/auth';
import { type Jwks } from '@platform/contracts';
import { type Logger } from '@platform/service-kit';
import { type Config } from '../config';

export interface AccessTokenKeys {
  sign: ReturnType<typeof createSigner>['sign'];
  verify: ReturnType<typeof createVerifier>;
  jwks: Jwks;
  ttlSeconds: number;
}

/** The RS256 key that signs access tokens, its verifier and the JWKS that publishes it. */
export function accessTokenKeys(config: Config, logger: Logger): AccessTokenKeys {
  let privateKey = config.JWT_PRIVATE_KEY;
  if (!privateKey) {
    logger.warn(
      'JWT_PRIVATE_KEY not set: signing with a key generated for this process (tokens die with it)',
    );
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
  }
  const publicKey = createPublicKey(createPrivateKey(privateKey))
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const kid = config.JWT_KEY_ID;
  const signer = createSigner(
    { kid, privateKey },
    { issuer: config.JWT_ISSUER, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS },
  );
  return {
    sign: signer.sign,
    verify: createVerifier((k) => (k === kid ? publicKey : undefined), { issuer: config.JWT_ISSUER }),
    jwks: { keys: [publicJwk(publicKey, kid)] },
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  };
}
