import type Redis from 'ioredis';

/** Where the mails of a user go, as the projection of `user.events` knows it. */
export type ProjectedUser =
  { status: 'active'; email: string; username?: string; first_name?: string } | { status: 'deleted' };

const key = (userId: string) => `nw:user:${userId}`;

// Never over a tombstone: the address of a deleted user does not come back (a replay, a late update).
const UPSERT = `
if redis.call('HEXISTS', KEYS[1], 'deleted_at') == 1 then return 0 end
for field, value in pairs(cjson.decode(ARGV[1])) do redis.call('HSET', KEYS[1], field, value) end
for _, field in ipairs(cjson.decode(ARGV[2])) do redis.call('HDEL', KEYS[1], field) end
return 1
`;

/**
 * The user projection (`nw:user:{id}` hashes). Every write sets the fields an event carries, so writing
 * the same event twice leaves the same hash: the projection needs no inbox.
 */
export class UsersRepository {
  constructor(private readonly redis: Redis) {}

  async find(userId: string): Promise<ProjectedUser | undefined> {
    const h = await this.redis.hgetall(key(userId));
    if (h.deleted_at) return { status: 'deleted' };
    if (!h.email) return undefined;
    return { status: 'active', email: h.email, username: h.username, first_name: h.first_name };
  }

  /** Sets the given fields and removes `unset` ones (a first name cleared), unless the user is deleted. */
  async upsert(userId: string, fields: Record<string, string>, unset: string[] = []): Promise<void> {
    await this.redis.eval(UPSERT, 1, key(userId), JSON.stringify(fields), JSON.stringify(unset));
  }

  /** The address and names are dropped; what stays says only that mails to this user are not sent. */
  async tombstone(userId: string, deletedAt: string): Promise<void> {
    await this.redis.multi().del(key(userId)).hset(key(userId), 'deleted_at', deletedAt).exec();
  }
}
