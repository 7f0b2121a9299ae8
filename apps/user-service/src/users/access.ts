import { type Principal } from '@platform/auth';
import { type UserResponse } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { UserErrors } from '../errors';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/**
 * A user reads and changes only themself; an admin any user of the same tenant. Anyone else gets the
 * same 404 as for an id that does not exist.
 */
export function assertCanAccess(
  actor: UserPrincipal,
  target: UserResponse | undefined,
): asserts target is UserResponse {
  const allowed =
    target && target.tenant_id === actor.tenantId && (target.id === actor.userId || actor.role === 'admin');
  if (!allowed) throw UserErrors.notFound();
}

/** Roles are given by admins only. */
export function assertCanChangeRole(actor: UserPrincipal): void {
  if (actor.role !== 'admin') throw Errors.forbidden('Only an admin can change roles');
}

/** The tenant's list of users is for its admins. */
export function assertCanListUsers(actor: UserPrincipal): void {
  if (actor.role !== 'admin') throw Errors.forbidden('Only an admin can list the users of the tenant');
}
