import { Errors, type Logger } from '@platform/service-kit';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface ThrottleSettings {
  maxPerAccount: number;
  maxPerIp: number;
  windowSeconds: number;
  keyPrefix: string;
}

/**
 * Failed logins, counted per account and per client address in Redis (rate-limiter-flexible). Past the
 * limit a login is refused with 429 until the window passes, even with the right password. While Redis
 * is down each process counts in memory instead (the insurance limiter).
 */
export class LoginThrottle {
  private readonly limiters: {
    limiter: RateLimiterAbstract;
    memory: RateLimiterMemory;
    max: number;
    prefix: string;
  }[];

  constructor(
    redis: Redis,
    s: ThrottleSettings,
    private readonly logger: Logger,
  ) {
    const make = (prefix: string, points: number) => {
      const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: s.windowSeconds });
      const limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: prefix,
        points,
        duration: s.windowSeconds,
        insuranceLimiter: memory,
      });
      return { limiter, memory, max: points, prefix };
    };
    this.limiters = [make(`${s.keyPrefix}:account`, s.maxPerAccount), make(`${s.keyPrefix}:ip`, s.maxPerIp)];
  }

  private keys(email: string, ip: string): string[] {
    return [email.toLowerCase(), ip];
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    for (const [i, { limiter, memory, max }] of this.limiters.entries()) {
      const res = await limiter.get(keys[i]).catch(() => memory.get(keys[i]));
      if (res && res.consumedPoints >= max) {
        const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw Errors.rateLimited('Too many failed logins; try again later', {
          retry_after_seconds: retryAfter,
        });
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    // consume() rejects once the limit is passed; the next assertAllowed() reports it
    await Promise.allSettled(this.limiters.map(({ limiter }, i) => limiter.consume(keys[i])));
  }

  async recordSuccess(email: string): Promise<void> {
    const [account] = this.limiters;
    await account.limiter
      .delete(email.toLowerCase())
      .catch((err: Error) => this.logger.warn('Could not reset login failures', { error: err.message }));
    await account.memory.delete(email.toLowerCase());
  }
}
