import { type Principal } from '@platform/auth';
import {
  type ListUsersQuery,
  type UpdateUserRequest,
  type UserEventsResponse,
  type UserListResponse,
  type UserResponse,
} from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { type Store } from '../db/store';
import { UserErrors } from '../errors';
import { assertCanAccess, assertCanChangeRole, assertCanListUsers } from './access';
import { type UserCache } from './user-cache';

type Actor = Extract<Principal, { kind: 'user' }>;

export interface ManageDeps {
  store: Store;
  cache: UserCache;
}

/** Reads through the cache (seed 000); the access rule applies to cached users too. */
export async function getUser(actor: Actor, id: string, deps: ManageDeps): Promise<UserResponse> {
  const user = await deps.cache.readThrough(id, () => deps.store.repos.users.findById(id));
  assertCanAccess(actor, user);
  return user;
}

/** `GET /api/users`: an admin's own tenant's users, newest first. */
export async function listUsers(
  actor: Actor,
  page: ListUsersQuery,
  deps: ManageDeps,
): Promise<UserListResponse> {
  assertCanListUsers(actor);
  return deps.store.repos.users.listByTenant(actor.tenantId, page);
}

export async function updateUser(
  actor: Actor,
  id: string,
  changes: UpdateUserRequest,
  deps: ManageDeps,
): Promise<UserResponse> {
  if (changes.role !== undefined) assertCanChangeRole(actor);
  const updated = await deps.store.transaction(async (repos) => {
    assertCanAccess(actor, await repos.users.findById(id));
    const user = await repos.users.update(id, changes);
    if (!user) throw UserErrors.notFound();
    await repos.events.save([
      createEvent('UserUpdated', {
        aggregateId: id,
        tenantId: user.tenant_id,
        data: {
          user_id: id,
          changed: Object.keys(changes),
          // what others keep a copy of (notification-worker's recipients); the email cannot change here
          ...('first_name' in changes ? { first_name: user.first_name } : {}),
          updated_at: new Date().toISOString(),
        },
      }),
    ]);
    return user;
  });
  await deps.cache.invalidate(id);
  return updated;
}

export async function deleteUser(actor: Actor, id: string, deps: ManageDeps): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const user = await repos.users.findById(id);
    assertCanAccess(actor, user);
    await repos.users.delete(id);
    await repos.events.save([
      createEvent('UserDeleted', {
        aggregateId: id,
        tenantId: user.tenant_id,
        data: { user_id: id, deleted_at: new Date().toISOString() },
      }),
    ]);
  });
  await deps.cache.invalidate(id);
}

export async function listUserEvents(
  actor: Actor,
  id: string,
  page: { limit: number; offset: number },
  deps: ManageDeps,
): Promise<UserEventsResponse> {
  assertCanAccess(actor, await deps.store.repos.users.findById(id));
  const { entries, total } = await deps.store.repos.events.history(id, page.limit, page.offset);
  return { events: entries, limit: page.limit, offset: page.offset, total };
}
