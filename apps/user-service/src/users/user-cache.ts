import { type UserResponse } from '@platform/contracts';
import { CACHE_TTL_SECONDS, type Cache } from '@platform/service-kit';

/** Seed 000 cache contract for users: `user:{id}` for 5 minutes; a change drops `user:{id}` and `user:{id}:*`. */
export class UserCache {
  constructor(private readonly cache: Cache) {}

  get(id: string): Promise<UserResponse | undefined> {
    return this.cache.get<UserResponse>(`user:${id}`);
  }

  /**
   * The cached user, or `load()`'s, cached only if no change invalidated `user:{id}` while it loaded:
   * a read that began before an update must not put the old user back.
   */
  readThrough(id: string, load: () => Promise<UserResponse | undefined>): Promise<UserResponse | undefined> {
    return this.cache.readThrough(`user:${id}`, CACHE_TTL_SECONDS.user, load);
  }

  invalidate(id: string): Promise<void> {
    return this.cache.invalidate([`user:${id}`], [`user:${id}:*`]);
  }
}
