import type { RequestHandler } from 'express';
import { MatchersV3 } from '@pact-foundation/pact';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * `Authorization: Bearer <a service token>` in a pact. The pact keeps the token's shape (a JWT) and,
 * in its example, who calls whom (`sub`, `aud`, unsigned): the provider's verification reads them and
 * puts a freshly signed token in its place (`serviceTokenFilter`), so no secret is in a pact file.
 */
export function serviceTokenHeader(caller: string, audience: string) {
  const example = `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ typ: 'service', sub: caller, aud: audience })}.pact`;
  return MatchersV3.regex('^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$', example);
}

/** The caller and audience a pact's example service token names, if it is one. */
export function serviceTokenClaims(
  authorization: string | undefined,
): { caller: string; audience: string } | undefined {
  const payload = /^Bearer [^.]+\.([^.]+)\.pact$/.exec(authorization ?? '')?.[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: unknown;
      aud?: unknown;
    };
    return typeof claims.sub === 'string' && typeof claims.aud === 'string'
      ? { caller: claims.sub, audience: claims.aud }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The verification's request filter: a replayed request carrying a pact's example service token gets a
 * real one for the same caller and audience, minted with the provider's secret; others pass unchanged.
 */
export function serviceTokenFilter(mint: (caller: string, audience: string) => string): RequestHandler {
  return (req, _res, next) => {
    const claims = serviceTokenClaims(req.headers.authorization);
    if (claims) req.headers.authorization = `Bearer ${mint(claims.caller, claims.audience)}`;
    next();
  };
}
