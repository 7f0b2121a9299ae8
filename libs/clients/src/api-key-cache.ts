import { hashToken, type Principal } from '@platform/auth';
import { type Logger } from '@platform/service-kit';
import type Redis from 'ioredis';

type KeyPrincipal = Extract<Principal, { kind: 'api_key' }>;
const NONE = 'none';

/** KEYS: verdict, id index, revocation mark; ARGV: verdict JSON, key hash, TTL in ms. */
const REMEMBER = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

/**
 * user-service's verdicts on API keys, kept in Redis for a short while (every replica shares them), by
 * the key's hash, never the key. `ApiKeyRevoked` drops a key's verdict at once (by its id), so a revoked
 * key stops working with the next request, not after the TTL. A Redis outage only costs the cache.
 */
export class ApiKeyCache {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly logger: Logger,
    private readonly prefix: string,
  ) {}

  wrap(verify: (key: string) => Promise<KeyPrincipal | undefined>) {
    return async (key: string): Promise<KeyPrincipal | undefined> => {
      const hash = hashToken(key);
      const cached = await this.redis.get(`${this.prefix}:${hash}`).catch(() => null);
      if (cached) return cached === NONE ? undefined : (JSON.parse(cached) as KeyPrincipal);
      const verdict = await verify(key);
      await this.remember(hash, verdict).catch((err: Error) =>
        this.logger.warn('API-key verdict not cached', { error: err.message }),
      );
      return verdict;
    };
  }

  /**
   * Caches a verdict, unless the key was revoked meanwhile: a check that started before the revocation
   * and ends after `drop()` must not put the old "valid" back for a whole TTL. The script reads the
   * revocation mark and writes in one step.
   */
  private async remember(hash: string, verdict: KeyPrincipal | undefined): Promise<void> {
    const p = this.prefix;
    if (!verdict) {
      await this.redis.set(`${p}:${hash}`, NONE, 'PX', this.ttlMs);
      return;
    }
    const keys = [`${p}:${hash}`, `${p}:id:${verdict.keyId}`, `${p}:revoked:${verdict.keyId}`];
    await this.redis.eval(REMEMBER, keys.length, ...keys, JSON.stringify(verdict), hash, this.ttlMs);
  }

  /** The key was revoked: its cached verdicts go. */
  async drop(keyId: string): Promise<void> {
    const index = `${this.prefix}:id:${keyId}`;
    // the mark first: from now on no verdict of this key is cached (see remember)
    await this.redis.set(`${this.prefix}:revoked:${keyId}`, '1', 'PX', this.ttlMs);
    const hashes = await this.redis.smembers(index);
    await this.redis.del(index, ...hashes.map((h) => `${this.prefix}:${h}`));
  }
}
