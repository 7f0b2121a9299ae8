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

/** Signs RS256 tokens whose header names the key (`kid`), so verifiers can pick the public key. */
export function createSigner(key: SigningKey, opts: { issuer: string; ttlSeconds: number }) {
  return {
    ttlSeconds: opts.ttlSeconds,
    sign(claims: AccessClaims): string {
      const { sub, ...rest } = claims;
      return jwt.sign(rest, key.privateKey, {
        algorithm: 'RS256',
        keyid: key.kid,
        issuer: opts.issuer,
        subject: sub,
        expiresIn: opts.ttlSeconds,
      });
    },
  };
}

/** Finds the public key (PEM) for a `kid`, e.g. from a JWKS document; undefined when unknown. */
export type KeyLookup = (kid: string) => Promise<string | undefined> | string | undefined;

/** Verifies signature (RS256 only), expiry and issuer; any failure is AUTHENTICATION_FAILED. */
export function createVerifier(lookup: KeyLookup, opts: { issuer: string }) {
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
    const publicKey = await lookup(kid);
    if (!publicKey) throw Errors.unauthenticated('Token signed by an unknown key');
    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, keyObject(publicKey), {
        algorithms: ['RS256'],
        issuer: opts.issuer,
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
    if (typeof payload.sub !== 'string' || (payload.typ !== 'access' && payload.typ !== 'service')) {
      throw Errors.unauthenticated('Invalid token claims');
    }
    return { sub: payload.sub, tenant_id: payload.tenant_id, role: payload.role, typ: payload.typ };
  };
}
