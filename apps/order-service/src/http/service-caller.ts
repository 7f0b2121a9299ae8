import { requireService, type ServiceTokens } from '@platform/auth';
import { type Request, type RequestHandler } from 'express';

/**
 * Whether the bearer is a service token (HS256, minted with the shared secret) rather than a user's
 * access token (RS256, user-service's keys): only a look at the JWT header, the guard verifies it.
 */
export function bearsServiceToken(req: Request): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  const header = token?.split('.')[0];
  if (!header || token?.startsWith('sk_')) return false;
  try {
    return (
      (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string }).alg === 'HS256'
    );
  } catch {
    return false;
  }
}

/** For a route that users and some services call: a service token is verified here, anything else passes. */
export const acceptServices =
  (tokens: ServiceTokens, callers: readonly string[]): RequestHandler =>
  (req, res, next) =>
    bearsServiceToken(req)
      ? requireService(tokens, { audience: 'order-service', callers })(req, res, next)
      : next();
