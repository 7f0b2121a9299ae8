import { type Role } from '@platform/contracts';
import { Errors, setContextIdentity } from '@platform/service-kit';
import { type RequestHandler, type Response } from 'express';
import { isApiKey } from './api-key';
import { type AccessClaims } from './jwt';
import { isServiceTokenShaped, type ServiceTokens } from './service-token';

/** Who is calling: a signed-in user, a tenant's API key, or another service of the platform. */
export type Principal =
  | { kind: 'user'; userId: string; tenantId: string; role: Role }
  | { kind: 'api_key'; keyId: string; tenantId: string; permissions: string[] }
  | { kind: 'service'; service: string };

export interface AuthenticateOptions {
  verifyAccessToken: (token: string) => Promise<AccessClaims>;
  /** Resolves a presented API key; undefined when this service does not accept keys at all. */
  verifyApiKey?: (key: string) => Promise<Extract<Principal, { kind: 'api_key' }> | undefined>;
  /**
   * Accepts service tokens minted for `audience` as `{kind: 'service'}` principals (a bad one is a 401).
   * User routes refuse them as they refuse API keys; a route that serves services lists them with
   * `allowServices`. Without it a service token is checked like an access token (and refused).
   */
  serviceTokens?: { tokens: Pick<ServiceTokens, 'verify'>; audience: string };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export const bearerToken = (header: string | undefined): string | undefined => {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
};

/** Reads `Authorization: Bearer …` (a JWT or an `sk_…` key); a present but bad credential is a 401. */
export const authenticate =
  (opts: AuthenticateOptions): RequestHandler =>
  async (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) return next();
    let principal: Principal;
    if (isApiKey(token)) {
      const key = await opts.verifyApiKey?.(token);
      if (!key) throw Errors.unauthenticated('Invalid API key');
      principal = key;
    } else if (opts.serviceTokens && isServiceTokenShaped(token)) {
      const { tokens, audience } = opts.serviceTokens;
      principal = { kind: 'service', service: tokens.verify(token, audience) };
    } else {
      const claims = await opts.verifyAccessToken(token);
      if (claims.typ !== 'access' || !claims.tenant_id || !claims.role)
        throw Errors.unauthenticated('Not an access token');
      principal = { kind: 'user', userId: claims.sub, tenantId: claims.tenant_id, role: claims.role as Role };
    }
    res.locals.principal = principal;
    setContextIdentity({
      tenant_id: principal.kind === 'service' ? undefined : principal.tenantId,
      user_id: principal.kind === 'user' ? principal.userId : undefined,
    });
    next();
  };

export const principalOf = (res: Response): Principal | undefined =>
  res.locals.principal as Principal | undefined;

/** The signed-in user, or 401 when there is no credential and 403 for an API key. */
export function requireUser(res: Response): Extract<Principal, { kind: 'user' }> {
  const p = principalOf(res);
  if (!p) throw Errors.unauthenticated();
  if (p.kind !== 'user') throw Errors.forbidden('This endpoint needs a signed-in user, not an API key');
  return p;
}

/** Any credential; 401 without one. */
export function requirePrincipal(res: Response): Principal {
  const p = principalOf(res);
  if (!p) throw Errors.unauthenticated();
  return p;
}

export interface ServiceGuard {
  /** This service's name: tokens must be minted for it (`aud`). */
  audience: string;
  /** The services this route serves; any other, even with a valid token, gets 403. */
  callers: readonly string[];
}

/** Guards one `/internal/*` route: a valid service token for this service (401), from a listed caller (403). */
export const requireService =
  (tokens: Pick<ServiceTokens, 'verify'>, guard: ServiceGuard): RequestHandler =>
  (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) throw Errors.unauthenticated('Service token required');
    const service = tokens.verify(token, guard.audience);
    if (!guard.callers.includes(service)) throw Errors.forbidden(`${service} may not call this route`);
    res.locals.principal = { kind: 'service', service } satisfies Principal;
    next();
  };

/**
 * For a route that users and some services call: a service principal (from `authenticate` with
 * `serviceTokens`) not among `callers` gets 403; anyone else passes to the route's own checks.
 */
export const allowServices =
  (callers: readonly string[]): RequestHandler =>
  (_req, res, next) => {
    const p = principalOf(res);
    if (p?.kind === 'service' && !callers.includes(p.service))
      throw Errors.forbidden(`${p.service} may not call this route`);
    next();
  };
