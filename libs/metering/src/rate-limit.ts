import { type Logger } from '@platform/service-kit';
import { type Request, type RequestHandler, type Response } from 'express';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Who a request is counted for; undefined leaves it alone (no tenant: the route answers 401/403). */
export type TenantResolver = (req: Request, res: Response) => string | undefined;

export interface RateLimitOptions {
  redis: Redis;
  /** Requests per tenant per minute. */
  perMinute: number;
  /** The counters' key prefix in Redis: one per service, so each service has its own budget. */
  keyPrefix: string;
  tenantOf: TenantResolver;
  /** The error thrown past the limit (the service's AppError: 429 RATE_LIMIT_EXCEEDED with retry_after_seconds). */
  limited: (limit: number, retryAfterSeconds: number) => Error;
  logger: Logger;
  /** Paths (relative to the mount point) that are neither limited nor counted, e.g. `/health`. */
  exempt?: readonly string[];
}

const WINDOW_SECONDS = 60;

/**
 * Per-tenant rate limit of the public routes on `rate-limiter-flexible`'s fixed window in Redis, so every
 * replica shares the budget and the counters outlive a restart of the service (Redis keeps them, AOF).
 *
 * Every answer it lets through or refuses carries the GitHub-style headers: `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset`, the **epoch second** at which the window ends (what
 * GitHub sends; `Retry-After` gives the seconds to wait). Past the limit it throws `limited(...)`, which the
 * service's error handler renders as 429 with `Retry-After`.
 *
 * Redis down: it fails **open to a per-process limit**, not closed. Each replica counts in memory (the
 * insurance limiter) with the same budget, so an outage of a cache never refuses paying tenants, and a
 * runaway client is still held to the limit per replica. The client does not queue commands while Redis
 * is down (`rejectIfRedisNotReady`), so a request never waits for a reconnect.
 */
export function rateLimit(opts: RateLimitOptions): RequestHandler {
  const insurance = new RateLimiterMemory({
    keyPrefix: opts.keyPrefix,
    points: opts.perMinute,
    duration: WINDOW_SECONDS,
  });
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix: opts.keyPrefix,
    points: opts.perMinute,
    duration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance,
  });
  const exempt = new Set(opts.exempt ?? []);
  const setHeaders = (res: Response, r: RateLimiterRes) => {
    res.setHeader('X-RateLimit-Limit', String(opts.perMinute));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, r.remainingPoints)));
    res.setHeader('X-RateLimit-Reset', String(Math.ceil((Date.now() + r.msBeforeNext) / 1000)));
  };

  return async (req, res, next) => {
    const tenantId = exempt.has(req.path) ? undefined : opts.tenantOf(req, res);
    if (!tenantId) return next();
    let verdict: RateLimiterRes;
    try {
      verdict = await limiter.consume(tenantId);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) {
        // both limiters failed (the memory one cannot, short of a bug): let the call through
        opts.logger.warn('Rate limit not checked', { error: (err as Error).message });
        return next();
      }
      setHeaders(res, err);
      throw opts.limited(opts.perMinute, Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    }
    setHeaders(res, verdict);
    next();
  };
}
