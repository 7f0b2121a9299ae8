import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// renew or release only a lock that is still ours (it may have expired and been taken meanwhile)
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * The one active relay of a Redis outbox: a lock key taken with SET NX PX, renewed while working. A
 * holder that dies stops renewing, the key expires, and a standby's next SET NX wins. A holder that
 * cannot renew stops publishing before its lock expires by its own clock.
 */
export class RedisLock {
  readonly owner = randomUUID();
  private validUntil = 0;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  get held(): boolean {
    return Date.now() < this.validUntil;
  }

  /** Takes the lock, or renews it if it is ours; false when another replica holds it. */
  async acquire(): Promise<boolean> {
    const started = Date.now();
    const ours =
      this.validUntil > 0
        ? (await this.redis.eval(RENEW, 1, this.key, this.owner, this.ttlMs)) === 1
        : (await this.redis.set(this.key, this.owner, 'PX', this.ttlMs, 'NX')) === 'OK';
    this.validUntil = ours ? started + this.ttlMs * 0.9 : 0;
    return ours;
  }

  async renewIfDue(): Promise<boolean> {
    if (this.validUntil - Date.now() > this.ttlMs * 0.6) return true;
    return this.acquire();
  }

  async release(): Promise<void> {
    this.validUntil = 0;
    await this.redis.eval(RELEASE, 1, this.key, this.owner);
  }
}
