import { Errors } from '@platform/service-kit';
import jwt from 'jsonwebtoken';
import { type Clock } from './jwt';

const ISSUER = 'platform-internal';

/** The development secret every service falls back to outside production (configs refuse it there). */
export const DEV_SERVICE_TOKEN_SECRET = 'devstack-only-service-token-secret-change-me';

/**
 * Tokens for service-to-service calls to `/internal/*`: short-lived HS256 JWTs signed with a secret the
 * services share (a Kubernetes Secret). `sub` names the calling service and `aud` the called one, so a
 * token minted for one service cannot be replayed against another.
 */
export function createServiceTokens(secret: string, opts: { now?: Clock } = {}) {
  if (Buffer.byteLength(secret) < 32) throw new Error('the service token secret needs at least 32 bytes');
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { token: string; until: number }>();
  return {
    /** A token from `caller` for `audience`, reused until a minute before it expires. */
    token(caller: string, audience: string, ttlSeconds = 300): string {
      const key = `${caller}\u0000${audience}`;
      const cached = cache.get(key);
      if (cached && cached.until > now()) return cached.token;
      const iat = Math.floor(now() / 1000);
      const token = jwt.sign({ typ: 'service', iat }, secret, {
        algorithm: 'HS256',
        issuer: ISSUER,
        subject: caller,
        audience,
        expiresIn: ttlSeconds,
      });
      cache.set(key, { token, until: now() + Math.max(0, ttlSeconds - 60) * 1000 });
      return token;
    },
    /** The calling service's name when the token is valid and meant for `audience`; else AUTHENTICATION_FAILED. */
    verify(token: string, audience: string): string {
      try {
        const claims = jwt.verify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience,
          clockTimestamp: Math.floor(now() / 1000),
        }) as jwt.JwtPayload;
        if (claims.typ !== 'service' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number')
          throw new Error('not a service token');
        return claims.sub;
      } catch {
        throw Errors.unauthenticated('Invalid service token');
      }
    },
  };
}
export type ServiceTokens = ReturnType<typeof createServiceTokens>;

/**
 * Whether a bearer token is shaped as a service token (a JWT signed HS256) rather than a user's
 * access token (RS256) or an API key: only a look at the header, `verify` decides.
 */
export function isServiceTokenShaped(token: string): boolean {
  const header = token.split('.')[0];
  if (!header || token.split('.').length !== 3) return false;
  try {
    return (
      (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg === 'HS256'
    );
  } catch {
    return false;
  }
}
