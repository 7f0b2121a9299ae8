import { Errors, type Logger } from '@platform/service-kit';
import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

export interface ThrottleSettings {
  maxPerAccount: number;
  maxPerIp: number;
  windowSeconds: number;
  keyPrefix: string;
}

/**
 * Login attempts, counted per account and per client address in Redis (rate-limiter-flexible). Every
 * attempt takes a point before the password is checked, and a successful one gives it back, so what
 * is counted is failures, yet a burst of parallel guesses cannot slip past a check that none of them
 * has been counted in yet. Past the limit a login is refused with 429 until the window passes, even
 * with the right password. While Redis is down each process counts in memory instead (the insurance
 * limiter).
 */
export class LoginThrottle {
  private readonly account: Limiter;
  private readonly address: Limiter;

  constructor(
    redis: Redis,
    s: ThrottleSettings,
    private readonly logger: Logger,
  ) {
    const make = (prefix: string, points: number): Limiter => {
      const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: s.windowSeconds });
      const limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: prefix,
        points,
        duration: s.windowSeconds,
        insuranceLimiter: memory,
      });
      return { limiter, memory };
    };
    this.account = make(`${s.keyPrefix}:account`, s.maxPerAccount);
    this.address = make(`${s.keyPrefix}:ip`, s.maxPerIp);
  }

  /** Takes one attempt from the address's, then the account's budget; 429 when either is spent. */
  async consume(email: string, ip: string): Promise<void> {
    // the address first: spraying one password across accounts stops without touching their counters
    for (const [{ limiter }, key] of [
      [this.address, ip],
      [this.account, email.toLowerCase()],
    ] as const) {
      try {
        await limiter.consume(key);
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw Errors.unavailable('Login throttle unavailable', res);
        throw Errors.rateLimited('Too many failed logins; try again later', {
          retry_after_seconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
        });
      }
    }
  }

  /** The password was right: the address gets its attempt back and the account's failures are forgotten. */
  async succeeded(email: string, ip: string): Promise<void> {
    const warn = (err: Error) => this.logger.warn('Could not refund a login attempt', { error: err.message });
    await this.address.limiter.reward(ip, 1).catch(warn);
    await this.account.limiter.delete(email.toLowerCase()).catch(warn);
    await this.account.memory.delete(email.toLowerCase());
  }
}

interface Limiter {
  limiter: RateLimiterAbstract;
  memory: RateLimiterMemory;
}
