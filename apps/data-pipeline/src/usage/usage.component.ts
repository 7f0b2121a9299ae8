import { principalOf } from '@platform/auth';
import { quotaGuard, rateLimit, UsageMeter, type TenantResolver } from '@platform/metering';
import { type EventConsumer } from '@platform/messaging';
import { type RequestHandler } from 'express';
import { type Component, type ComponentDeps } from '../component';
import { quotaOf } from '../config';
import { DataErrors } from '../errors';
import { inboxPruner, usageEventsConsumer } from './usage-events.consumer';
import { UsageRepository } from './usage.repository';
import { usageRouter } from './usage.routes';

/**
 * Who a public call counts for: the tenant of a user's JWT, an API key or an EventFlow producer key
 * (resolved before these guards, in res.locals.producer); none for services and anonymous calls (their
 * routes refuse them).
 */
const tenantOfCaller: TenantResolver = (_req, res) => {
  const p = principalOf(res);
  if (p) return p.kind !== 'service' ? p.tenantId : undefined;
  return (res.locals.producer as { tenantId?: string } | undefined)?.tenantId;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** EventFlow's public health route (seed 004) is neither limited nor counted. */
const EXEMPT = ['/health'];

/** How long the quota guard reuses a tenant's month (the usage itself trails by a flush). */
const QUOTA_CACHE_MS = 5_000;

/**
 * Usage (seed 002 §5): the public routes' rate limit, monthly quota and metering, and `GET /api/v1/usage`.
 * `publicRoutes` run on every `/api/v1/*` request after authentication, in this order: a call refused by
 * the rate limit or the quota is not counted as usage. A call without a tenant (anonymous, a service token)
 * passes untouched, so its route answers 401 or 403.
 */
export function usageComponent(
  deps: ComponentDeps,
): Component & { publicRoutes: RequestHandler[]; consumer: EventConsumer } {
  const { config, redis, pool, publisher, logger } = deps;
  const repo = new UsageRepository(pool);
  const limitOf = async (tenantId: string) => {
    const plan = (await repo.planOf(tenantId)) ?? 'starter';
    return { plan, limit: quotaOf(config, plan) };
  };
  const meter = new UsageMeter({
    service: 'data-pipeline',
    publisher,
    tenantOf: tenantOfCaller,
    flushMs: config.USAGE_FLUSH_MS,
    logger,
    exempt: EXEMPT,
  });
  const consumer = usageEventsConsumer(deps, repo);
  const publicRoutes = [
    rateLimit({
      redis,
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      keyPrefix: 'dp:rate',
      tenantOf: tenantOfCaller,
      limited: DataErrors.tenantRateLimited,
      logger,
      exempt: EXEMPT,
    }),
    quotaGuard({
      tenantOf: tenantOfCaller,
      limitOf,
      usedIn: (tenantId, month) => repo.apiCalls(tenantId, isoDay(month.start), isoDay(month.next)),
      exceeded: DataErrors.quotaExceeded,
      cacheMs: QUOTA_CACHE_MS,
      logger,
      exempt: EXEMPT,
    }),
    meter.middleware(),
  ];
  return {
    routers: [usageRouter({ repo, limitOf })],
    // the consumer stops after the meter, so the meter's last window is published before everything closes
    background: [
      { start: () => meter.start(), stop: () => meter.stop() },
      { start: () => consumer.start(), stop: () => consumer.stop() },
      inboxPruner(deps, repo),
    ],
    checks: [{ ...consumer.healthCheck('usage_consumer'), critical: false }],
    publicRoutes,
    /** The usage group, for message pacts (`deliver`). */
    consumer,
  };
}
