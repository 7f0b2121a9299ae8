import { type UserResponse } from '@platform/contracts';
import { CACHE_TTL_SECONDS, type Cache } from '@platform/service-kit';

/** Seed 000 cache contract for users: `user:{id}` for 5 minutes; a change drops `user:{id}` and `user:{id}:*`. */
export class UserCache {
  constructor(private readonly cache: Cache) {}

  get(id: string): Promise<UserResponse | undefined> {
    return this.cache.get<UserResponse>(`user:${id}`);
  }

  set(user: UserResponse): Promise<void> {
    return this.cache.set(`user:${user.id}`, user, CACHE_TTL_SECONDS.user);
  }

  invalidate(id: string): Promise<void> {
    return this.cache.invalidate([`user:${id}`], [`user:${id}:*`]);
  }
}
