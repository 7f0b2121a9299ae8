import type Redis from 'ioredis';

/**
 * Each key family (the keys `invalidate` is given, e.g. `user:{id}`) has a generation counter. A read
 * through the cache reads it before loading from the database and writes the loaded value only if it
 * is unchanged, in one script: a load that started before an invalidation cannot put the old value
 * back. The counters live outside the seed's key patterns, so `user:{id}:*` never deletes one.
 */
const generationKey = (family: string) => `cache-gen:${family}`;
/** Longer than any read-through takes; a counter that expires reads as 0, which no pending load holds. */
const GENERATION_TTL_SECONDS = 86_400;

/**
 * The keys read through as members of another family (`user:{id}:orders:{page}` of `user:{id}:orders`),
 * a sorted set scored by when each one expires: invalidating the family deletes them from it, so a change
 * never pays for a SCAN of Redis, whose cost grows with every key in it (each order's generation counter,
 * for a day) rather than the family's. Each write drops the members that expired, so a family written
 * often and never invalidated (searches) holds only its live keys.
 */
const membersKey = (family: string) => `cache-members:${family}`;

// KEYS: the entry, its family's generation, [its family's members]; ARGV: generation, JSON, TTL
const SET_IF_GENERATION = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
if KEYS[3] then
  local now = tonumber(redis.call('TIME')[1])
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. now)
  -- a second past its own expiry (TIME is whole seconds): never dropped while the key lives
  redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]) + 1, KEYS[1])
  if redis.call('TTL', KEYS[3]) <= tonumber(ARGV[3]) then redis.call('EXPIRE', KEYS[3], ARGV[3] + 1) end
end
return 1`;

// KEYS: n keys, their n generations, their n members sets; ARGV: the generations' TTL. One script, so a
// member cached after the generation moved on is never deleted from the set without its key. The
// members are not in KEYS: a standalone Redis (or one hash slot), as the services use.
const REMOVE = `
local n = #KEYS / 3
for i = 1, n do
  redis.call('INCR', KEYS[n + i])
  redis.call('EXPIRE', KEYS[n + i], ARGV[1])
  redis.call('UNLINK', KEYS[i])
  local members = redis.call('ZRANGE', KEYS[2 * n + i], 0, -1)
  for j = 1, #members, 500 do
    redis.call('UNLINK', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[2 * n + i])
end
return n`;

/** The generation of `family` now, read before a load ('0' when it has none). */
export async function readGeneration(redis: Redis, family: string): Promise<string> {
  return (await redis.get(generationKey(family))) ?? '0';
}

/** Writes `json` to `key` only if `family`'s generation is still `generation`; false when it moved on. */
export async function setIfGeneration(
  redis: Redis,
  entry: { key: string; json: string; ttlSeconds: number },
  family: string,
  generation: string,
): Promise<boolean> {
  const keys = [entry.key, generationKey(family)];
  if (family !== entry.key) keys.push(membersKey(family));
  const args = [generation, entry.json, entry.ttlSeconds];
  return (await redis.eval(SET_IF_GENERATION, keys.length, ...keys, ...args)) === 1;
}

/**
 * Deletes `keys` and the members read through under each of them as a family, moving each one's
 * generation on so loads already under way do not write back; then every key matching `patterns`
 * (SCAN, never KEYS: it does not block Redis, but it reads the whole keyspace, so keep patterns off
 * the hot paths). Throws when any part fails: the caller records the invalidation as pending.
 */
export async function removeKeys(redis: Redis, keys: string[], patterns: string[]): Promise<void> {
  if (keys.length) {
    const all = [...keys, ...keys.map(generationKey), ...keys.map(membersKey)];
    await redis.eval(REMOVE, all.length, ...all, GENERATION_TTL_SECONDS);
  }
  for (const match of patterns) {
    const doomed: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 200);
      doomed.push(...found);
      cursor = next;
    } while (cursor !== '0');
    if (doomed.length) await redis.unlink(...doomed);
  }
}
