import { Errors } from '@platform/service-kit';
import jwt from 'jsonwebtoken';

const ISSUER = 'platform-internal';

/**
 * Tokens for service-to-service calls to `/internal/*`: short-lived HS256 JWTs signed with a secret the
 * services share (a Kubernetes Secret), naming the calling service.
 */
export function createServiceTokens(secret: string) {
  if (Buffer.byteLength(secret) < 32) throw new Error('the service token secret needs at least 32 bytes');
  let cached: { token: string; until: number } | undefined;
  return {
    /** A token for `service`, reused until a minute before it expires. */
    token(service: string, ttlSeconds = 300): string {
      if (cached && cached.until > Date.now()) return cached.token;
      const token = jwt.sign({ typ: 'service' }, secret, {
        algorithm: 'HS256',
        issuer: ISSUER,
        subject: service,
        expiresIn: ttlSeconds,
      });
      cached = { token, until: Date.now() + (ttlSeconds - 60) * 1000 };
      return token;
    },
    /** The calling service's name, or AUTHENTICATION_FAILED. */
    verify(token: string): string {
      try {
        const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
        if (claims.typ !== 'service' || typeof claims.sub !== 'string')
          throw new Error('not a service token');
        return claims.sub;
      } catch {
        throw Errors.unauthenticated('Invalid service token');
      }
    },
  };
}
export type ServiceTokens = ReturnType<typeof createServiceTokens>;
