import { createPublicKey } from 'node:crypto';
import { type Jwks } from '@platform/contracts';
import { Errors, type Logger } from '@platform/service-kit';
import { kidOf, rsaJwk } from './jwk-thumbprint';
import { type KeyLookup } from './jwt';

/** The JWKS entry (RFC 7517) of an RSA public key in PEM; its `kid` is the RFC 7638 thumbprint. */
export function publicJwk(publicKeyPem: string, kid: string = kidOf(publicKeyPem)): Jwks['keys'][number] {
  const { n, e } = rsaJwk(publicKeyPem);
  return { kty: 'RSA', kid, alg: 'RS256', use: 'sig', n, e };
}

const toPem = (jwk: Jwks['keys'][number]) =>
  createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();

export interface JwksLookupOptions {
  logger: Logger;
  /** How long a fetched key set is fresh. */
  ttlMs?: number;
  /**
   * How long the keys of the last successful fetch may still be used while refreshes keep failing
   * (default 24 h). Past it a lookup refuses: a key user-service revoked meanwhile must not verify forever.
   */
  maxStaleMs?: number;
  /** The least time between two fetches that are not for freshness (unknown `kid`, or after a failure). */
  minRefetchMs?: number;
  timeoutMs?: number;
  /** The clock, in ms (tests control it). */
  now?: () => number;
}

/**
 * Finds verification keys in user-service's `/.well-known/jwks.json`, cached for `ttlMs`.
 * - An unknown `kid` refetches at most once per `minRefetchMs`: a rotated key appears, while a flood of
 *   forged kids costs one request per interval.
 * - A failed refresh keeps the cached keys (stale-while-error) and logs a warning: user-service being
 *   down for a minute must not log everyone out of every other service. Without any keys yet, verifying
 *   is impossible: that is a 503, not a 401. So is it once the cached keys are older than `maxStaleMs`:
 *   the service cannot tell whether they are still the issuer's, and the caller's token is not at fault.
 */
export function jwksKeyLookup(jwksUrl: string, opts: JwksLookupOptions): KeyLookup {
  const {
    logger,
    ttlMs = 10 * 60_000,
    maxStaleMs = 24 * 3_600_000,
    minRefetchMs = 30_000,
    timeoutMs = 3000,
    now = Date.now,
  } = opts;
  let keys: Map<string, string> | undefined;
  let fetchedAt = -Infinity;
  let attemptedAt = -Infinity;
  let inflight: Promise<void> | undefined;
  /** Whether the refusal of too-old keys was logged since the last successful fetch (once per outage). */
  let refusalLogged = false;

  const fetchKeys = async () => {
    attemptedAt = now();
    try {
      const res = await fetch(jwksUrl, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
      const body = (await res.json()) as Jwks;
      keys = new Map(body.keys.filter((k) => k.kty === 'RSA').map((k) => [k.kid, toPem(k)]));
      fetchedAt = now();
      refusalLogged = false;
    } catch (err) {
      logger.warn(
        keys ? 'JWKS refresh failed; verifying with the cached keys' : 'JWKS fetch failed; no keys yet',
        { jwks_url: jwksUrl, error: (err as Error).message },
      );
    }
  };
  const refresh = () => (inflight ??= fetchKeys().finally(() => (inflight = undefined)));

  return async (kid) => {
    const t = now();
    const wanted = !keys || t - fetchedAt > ttlMs || !keys.has(kid);
    // one fetch at a time; after any attempt (failed ones too) the next waits minRefetchMs
    if (inflight) await inflight;
    else if (wanted && t - attemptedAt >= minRefetchMs) await refresh();
    if (!keys) throw Errors.unavailable('Token verification keys are unavailable');
    if (now() - fetchedAt > maxStaleMs) {
      if (!refusalLogged)
        logger.error(
          'JWKS keys are older than the maximum staleness; refusing tokens until a refresh succeeds',
          {
            jwks_url: jwksUrl,
            stale_for_ms: now() - fetchedAt,
            max_stale_ms: maxStaleMs,
          },
        );
      refusalLogged = true;
      throw Errors.unavailable('Token verification keys are out of date');
    }
    return keys.get(kid);
  };
}
