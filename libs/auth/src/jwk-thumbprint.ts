import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';

/**
 * The RFC 7638 thumbprint of an RSA public key: base64url SHA-256 of its required members in
 * lexicographic order without whitespace. Used as the `kid`, so a new key always gets a new `kid`.
 */
export function jwkThumbprint(jwk: { e: string; n: string }): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** The RSA members `n` and `e` (base64url) of a public or private key in PEM. */
export function rsaJwk(pem: string): { n: string; e: string } {
  const jwk = createPublicKey(pem).export({ format: 'jwk' }) as JsonWebKey;
  if (jwk.kty !== 'RSA') throw new Error(`expected an RSA key, got ${String(jwk.kty)}`);
  return { n: String(jwk.n), e: String(jwk.e) };
}

/** The thumbprint `kid` of an RSA key given in PEM (public or private). */
export const kidOf = (pem: string): string => jwkThumbprint(rsaJwk(pem));
