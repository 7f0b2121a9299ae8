import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { type Jwks } from '@platform/contracts';
import { type KeyLookup } from './jwt';

/** The JWKS entry (RFC 7517) of an RSA public key in PEM. */
export function publicJwk(publicKeyPem: string, kid: string): Jwks['keys'][number] {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' }) as JsonWebKey;
  return { kty: 'RSA', kid, alg: 'RS256', use: 'sig', n: String(jwk.n), e: String(jwk.e) };
}

const toPem = (jwk: Jwks['keys'][number]) =>
  createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();

/**
 * Finds verification keys in user-service's `/.well-known/jwks.json`, cached for `ttlMs`. An unknown
 * `kid` refetches at most once per `minRefetchMs` (a rotated key appears; a forged kid cannot flood it).
 */
export function jwksKeyLookup(
  jwksUrl: string,
  { ttlMs = 10 * 60_000, minRefetchMs = 30_000 } = {},
): KeyLookup {
  let keys = new Map<string, string>();
  let fetchedAt = 0;
  let inflight: Promise<void> | undefined;
  const refresh = () =>
    (inflight ??= (async () => {
      try {
        const res = await fetch(jwksUrl, { signal: AbortSignal.timeout(3000) });
        if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
        const body = (await res.json()) as Jwks;
        keys = new Map(body.keys.filter((k) => k.kty === 'RSA').map((k) => [k.kid, toPem(k)]));
        fetchedAt = Date.now();
      } finally {
        inflight = undefined;
      }
    })());
  return async (kid) => {
    const age = Date.now() - fetchedAt;
    if (age > ttlMs || (!keys.has(kid) && age > minRefetchMs)) await refresh();
    return keys.get(kid);
  };
}
