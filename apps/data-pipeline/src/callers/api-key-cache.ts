import { hashToken, type Principal } from '@platform/auth';
import { type Logger } from '@platform/service-kit';
import type Redis from 'ioredis';

type KeyPrincipal = Extract<Principal, { kind: 'api_key' }>;
const NONE = 'none';

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
    private readonly prefix = 'dp:api-key',
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

  private async remember(hash: string, verdict: KeyPrincipal | undefined): Promise<void> {
    const tx = this.redis
      .multi()
      .set(`${this.prefix}:${hash}`, verdict ? JSON.stringify(verdict) : NONE, 'PX', this.ttlMs);
    // the id → hashes index lets a revocation find the verdict without the key
    if (verdict)
      tx.sadd(`${this.prefix}:id:${verdict.keyId}`, hash).pexpire(
        `${this.prefix}:id:${verdict.keyId}`,
        this.ttlMs,
      );
    await tx.exec();
  }

  /** The key was revoked: its cached verdicts go. */
  async drop(keyId: string): Promise<void> {
    const index = `${this.prefix}:id:${keyId}`;
    const hashes = await this.redis.smembers(index);
    await this.redis.del(index, ...hashes.map((h) => `${this.prefix}:${h}`));
  }
}
