// Lua scripts for keys that hold an owner's token (a lease, a lock). Redis runs a script atomically, so
// "is it still mine?" and the change cannot be split by another client taking the key in between.

/** `EVAL RELEASE_IF_OWNER 1 key token`: deletes the key only while it still holds `token`; 1 if it did. */
export const RELEASE_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * `EVAL REPLACE_IF_OWNER 1 key token value seconds`: sets the key to `value` (expiring in `seconds`)
 * only while it still holds `token`; 1 if it did. After our lease expired a successor may hold the key,
 * and a plain SET would overwrite its lease.
 */
export const REPLACE_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 else return 0 end`;
