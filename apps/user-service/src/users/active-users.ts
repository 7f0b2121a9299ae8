import { type UserResponse } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { type Store } from '../db/store';
import { type UserCache } from './user-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An access token lives 15 minutes, but a deleted or deactivated user must lose access at once, on every
 * route and every replica. So authentication asks for the token's subject as it is now: through the
 * shared `user:{id}` cache (one Redis GET; every change of the user drops the entry), and PostgreSQL on a
 * miss or while Redis is down. PostgreSQL stays the truth; the cache only makes the question cheap.
 * The caller also takes the current role from it, so a demoted admin loses the rights at once too.
 */
export async function activeUser(
  userId: string,
  deps: { store: Store; cache: UserCache },
): Promise<UserResponse> {
  if (!UUID.test(userId)) throw Errors.unauthenticated('Unknown user');
  // no write-back on a miss: filling the cache is getUser's job, which guards it against a concurrent
  // invalidation, and a second Redis round trip per request would double the wait while Redis is down
  const user = (await deps.cache.get(userId)) ?? (await deps.store.repos.users.findById(userId));
  if (!user) throw Errors.unauthenticated('The user of this token no longer exists');
  if (!user.is_active) throw Errors.unauthenticated('The user of this token is deactivated');
  return user;
}
