import { type Logger } from '@platform/service-kit';
import { type RequestHandler } from 'express';
import { type TenantResolver } from './rate-limit';

/** A tenant's monthly API-call quota and what it has used of it (in the details of the 429). */
export interface QuotaState {
  plan: string;
  api_calls_limit: number;
  api_calls_used: number;
  /** The first instant of the next month (UTC), when the quota starts afresh. */
  resets_at: string;
}

export interface QuotaGuardOptions {
  tenantOf: TenantResolver;
  /** The tenant's plan and its monthly limit. */
  limitOf: (tenantId: string) => Promise<{ plan: string; limit: number }>;
  /** API calls the tenant made in the month from `start` to `next` (exclusive), all services' usage. */
  usedIn: (tenantId: string, month: { start: Date; next: Date }) => Promise<number>;
  /** The error thrown when the quota is spent (the service's AppError: 429 with the quota in details). */
  exceeded: (quota: QuotaState) => Error;
  /** How long one tenant's state is reused before it is read again. */
  cacheMs: number;
  logger: Logger;
  exempt?: readonly string[];
  now?: () => Date;
}

/** The first instant of `at`'s month and of the next one, UTC. */
export function monthOf(at: Date): { start: Date; next: Date } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  return { start: new Date(Date.UTC(y, m, 1)), next: new Date(Date.UTC(y, m + 1, 1)) };
}

/**
 * Refuses a tenant whose API calls this month reached its plan's quota. The count comes from the usage
 * store, which the meters feed every flush, so it trails the truth by a flush and this cache: a tenant may
 * overshoot its quota by the calls of those few seconds, which is the price of not counting every call in a
 * database on the request path.
 *
 * Store down: the guard fails **open** (logged) — the quota is a billing limit, not a protection; the
 * rate limit is what protects the service.
 */
export function quotaGuard(opts: QuotaGuardOptions): RequestHandler {
  const now = opts.now ?? (() => new Date());
  const cache = new Map<string, { state: QuotaState; until: number }>();
  const exempt = new Set(opts.exempt ?? []);

  const stateOf = async (tenantId: string): Promise<QuotaState> => {
    const at = now();
    const hit = cache.get(tenantId);
    if (hit && hit.until > at.getTime() && hit.state.resets_at > at.toISOString()) return hit.state;
    const month = monthOf(at);
    const [{ plan, limit }, used] = await Promise.all([opts.limitOf(tenantId), opts.usedIn(tenantId, month)]);
    const state = { plan, api_calls_limit: limit, api_calls_used: used, resets_at: month.next.toISOString() };
    if (cache.size > 10_000) cache.clear(); // a bound, not an LRU: re-reading is cheap
    cache.set(tenantId, { state, until: at.getTime() + opts.cacheMs });
    return state;
  };

  return async (req, res, next) => {
    const tenantId = exempt.has(req.path) ? undefined : opts.tenantOf(req, res);
    if (!tenantId) return next();
    let state: QuotaState;
    try {
      state = await stateOf(tenantId);
    } catch (err) {
      opts.logger.warn('Quota not checked', { error: (err as Error).message });
      return next();
    }
    if (state.api_calls_used >= state.api_calls_limit) throw opts.exceeded(state);
    next();
  };
}
