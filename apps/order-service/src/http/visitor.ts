import { principalOf, type Principal } from '@platform/auth';
import { VisitorHeadersSchema } from '@platform/contracts';
import { Errors, parseInput } from '@platform/service-kit';
import { type Request, type Response } from 'express';
import { OrderErrors } from '../errors';

export type SignedInUser = Extract<Principal, { kind: 'user' }>;

/** Whose cart or wishlist a request is about: a signed-in user, or a guest's visit to one shop. */
export type Shopper =
  | { kind: 'user'; tenantId: string; userId: string; user: SignedInUser }
  | { kind: 'guest'; tenantId: string; sessionId: string };

const headersOf = (req: Request) =>
  parseInput(
    VisitorHeadersSchema,
    { 'x-tenant-id': req.get('x-tenant-id'), 'x-session-id': req.get('x-session-id') },
    'headers',
  );

/**
 * The shop (tenant) a request is about. A credential carries its tenant, and an `X-Tenant-Id` sent with
 * it must name the same one (403 otherwise); a guest names it with `X-Tenant-Id`.
 */
export function shopOf(req: Request, res: Response): string {
  const named = headersOf(req)['x-tenant-id'];
  const p = principalOf(res);
  if (p && p.kind !== 'service') {
    if (named && named !== p.tenantId) throw Errors.forbidden('X-Tenant-Id names another shop');
    return p.tenantId;
  }
  if (!named) throw OrderErrors.visitorUnknown();
  return named;
}

/** The shopper: the signed-in user, else the guest's `X-Tenant-Id` + `X-Session-Id`; an API key is refused. */
export function shopperOf(req: Request, res: Response): Shopper {
  const p = principalOf(res);
  const tenantId = shopOf(req, res);
  if (p?.kind === 'user') return { kind: 'user', tenantId, userId: p.userId, user: p };
  if (p) throw Errors.forbidden('Carts and wishlists belong to people: sign in, or shop as a guest');
  const sessionId = headersOf(req)['x-session-id'];
  if (!sessionId) throw OrderErrors.visitorUnknown();
  return { kind: 'guest', tenantId, sessionId };
}

/** A signed-in user of the tenant with one of `roles`: 401 without a credential, 403 otherwise. */
export function requireRole(res: Response, roles: readonly SignedInUser['role'][]): SignedInUser {
  const p = principalOf(res);
  if (!p) throw Errors.unauthenticated();
  if (p.kind !== 'user' || !roles.includes(p.role))
    throw Errors.forbidden(`This needs the role ${roles.join(' or ')}`);
  return p;
}
