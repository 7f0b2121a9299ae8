import { createPublicKey, type KeyObject } from 'node:crypto';
import { AppError, Errors } from '@platform/service-kit';
import jwt, { type JwtPayload } from 'jsonwebtoken';

export interface AccessClaims {
  sub: string;
  tenant_id?: string;
  role?: string;
  /** `access` for users, `service` for service tokens on /internal/*. */
  typ: 'access' | 'service';
}

export interface SigningKey {
  kid: string;
  privateKey: string;
}

/** A clock in milliseconds; tests pass one they control instead of waiting. */
export type Clock = () => number;

const seconds = (now: Clock) => Math.floor(now() / 1000);

export interface SignerOptions {
  issuer: string;
  /** Who the tokens are for (`aud`); verifiers refuse tokens meant for someone else. */
  audience: string;
  ttlSeconds: number;
  now?: Clock;
}

/** Signs RS256 tokens whose header names the key (`kid`), so verifiers can pick the public key. */
export function createSigner(key: SigningKey, opts: SignerOptions) {
  const now = opts.now ?? Date.now;
  return {
    ttlSeconds: opts.ttlSeconds,
    sign(claims: AccessClaims): string {
      const { sub, ...rest } = claims;
      // jsonwebtoken computes exp from the payload's iat: both follow the signer's clock
      return jwt.sign({ ...rest, iat: seconds(now) }, key.privateKey, {
        algorithm: 'RS256',
        keyid: key.kid,
        issuer: opts.issuer,
        audience: opts.audience,
        subject: sub,
        expiresIn: opts.ttlSeconds,
      });
    },
  };
}

/** Finds the public key (PEM) for a `kid`, e.g. from a JWKS document; undefined when unknown. */
export type KeyLookup = (kid: string) => Promise<string | undefined> | string | undefined;

export interface VerifierOptions {
  issuer: string;
  /** This verifier's audience: a token whose `aud` does not name it is refused. */
  audience: string;
  now?: Clock;
}

/** Verifies signature (RS256 only), expiry (which must be present), issuer and audience; any failure is AUTHENTICATION_FAILED. */
export function createVerifier(lookup: KeyLookup, opts: VerifierOptions) {
  const now = opts.now ?? Date.now;
  // parsing a PEM costs more than the RSA verification itself: parse each key once
  const parsed = new Map<string, KeyObject>();
  const keyObject = (pem: string) => {
    let key = parsed.get(pem);
    if (!key) parsed.set(pem, (key = createPublicKey(pem)));
    return key;
  };
  return async function verify(token: string): Promise<AccessClaims> {
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    if (!decoded || typeof kid !== 'string') throw Errors.unauthenticated('Malformed token');
    // refused before any key lookup: `none` and HMAC tokens never reach a verification key
    if (decoded.header.alg !== 'RS256') throw Errors.unauthenticated('Invalid token');
    const publicKey = await lookup(kid);
    if (!publicKey) throw Errors.unauthenticated('Token signed by an unknown key');
    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, keyObject(publicKey), {
        algorithms: ['RS256'],
        issuer: opts.issuer,
        audience: opts.audience,
        clockTimestamp: seconds(now),
      }) as JwtPayload;
    } catch (err) {
      const expired = err instanceof jwt.TokenExpiredError;
      throw new AppError({
        code: 'AUTHENTICATION_FAILED',
        status: 401,
        message: expired ? 'Token expired' : 'Invalid token',
        cause: err,
      });
    }
    // a token without exp would be valid forever: jsonwebtoken accepts that, we do not
    if (typeof payload.exp !== 'number') throw Errors.unauthenticated('Token has no expiry');
    if (typeof payload.sub !== 'string' || (payload.typ !== 'access' && payload.typ !== 'service')) {
      throw Errors.unauthenticated('Invalid token claims');
    }
    return { sub: payload.sub, tenant_id: payload.tenant_id, role: payload.role, typ: payload.typ };
  };
}
