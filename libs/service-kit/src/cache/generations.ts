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

const SET_IF_GENERATION = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

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
  const args = [entry.key, generationKey(family), generation, entry.json, entry.ttlSeconds];
  return (await redis.eval(SET_IF_GENERATION, 2, ...args)) === 1;
}

/**
 * Deletes `keys` and every key matching `patterns` (SCAN, never KEYS: it does not block Redis), and
 * moves the generation of each of `keys` on, so loads already under way do not write back. Throws
 * when any part fails: the caller records the invalidation as pending.
 */
export async function removeKeys(redis: Redis, keys: string[], patterns: string[]): Promise<void> {
  if (keys.length) {
    const tx = redis.multi();
    for (const key of keys) tx.incr(generationKey(key)).expire(generationKey(key), GENERATION_TTL_SECONDS);
    tx.unlink(...keys);
    const results = await tx.exec();
    const failed = results?.find(([err]) => err)?.[0];
    if (!results || failed) throw failed ?? new Error('cache invalidation aborted');
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
