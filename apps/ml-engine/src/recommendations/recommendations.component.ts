import { principalOf } from '@platform/auth';
import { type EventConsumer } from '@platform/messaging';
import { rateLimit, UsageMeter, type TenantResolver } from '@platform/metering';
import { type Component, type ComponentDeps, type PublicGuards } from '../component';
import { MlErrors } from '../errors';
import { type ItemCatalog, type ModelSpaces } from '../model-space';
import { interactionsConsumer } from './interactions.consumer';
import { ItemInfos } from './item-infos';
import { RecentInteractions } from './recent-interactions';
import { recommendationsRouter } from './recommendations.routes';
import { RecsCache } from './recs-cache';
import { recsMetrics } from './recs-metrics';

/** Who a public call counts for: the tenant of a user's JWT or an API key; services and anonymous: none. */
const tenantOfCaller: TenantResolver = (_req, res) => {
  const p = principalOf(res);
  return p && p.kind !== 'service' ? p.tenantId : undefined;
};

/** Recommendations: scoring, fold-in, popularity, filters, cache, similar items, rate limit and usage metering. */
export function recommendationsComponent(
  deps: ComponentDeps,
  opts: { catalog: ItemCatalog; spaces: ModelSpaces },
): Component & { publicGuards: PublicGuards; consumer: EventConsumer } {
  const { config, redis, publisher, logger } = deps;
  const recent = new RecentInteractions(redis, config.RECENT_INTERACTIONS);
  const cache = new RecsCache(redis, config.RECS_CACHE_TTL_MS, logger);
  const infos = new ItemInfos(opts.catalog);
  const useCase = {
    redis,
    spaces: opts.spaces,
    catalog: opts.catalog,
    infos,
    recent,
    cache,
    metrics: recsMetrics(deps.metrics),
  };
  opts.spaces.onActivated(async (tenantId, version) => {
    const dropped = await cache.dropTenant(tenantId);
    logger.info('Recommendation cache dropped on activation', { tenant_id: tenantId, version, dropped });
  });

  const meter = new UsageMeter({
    service: 'ml-engine',
    publisher,
    tenantOf: tenantOfCaller,
    flushMs: config.USAGE_FLUSH_MS,
    logger,
  });
  const consumer = interactionsConsumer(deps, recent);
  // a call refused by the rate limit is not counted as usage: the limit runs first
  const publicGuards: PublicGuards = [
    rateLimit({
      redis,
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      keyPrefix: 'ml:rate',
      tenantOf: tenantOfCaller,
      limited: MlErrors.tenantRateLimited,
      logger,
    }),
    meter.middleware(),
  ];
  const recordUsage = (tenantId: string, latencyMs: number, served: number) =>
    meter.record(tenantId, latencyMs, { recommendations_served: served });
  return {
    routers: [recommendationsRouter(useCase, config.SERVICE_TOKEN_SECRET, recordUsage)],
    // the meter stops first: its last window is published while the publisher is still open
    background: [
      { start: () => meter.start(), stop: () => meter.stop() },
      { start: () => consumer.start(), stop: () => consumer.stop() },
    ],
    checks: [{ ...consumer.healthCheck('recent_interactions_consumer'), critical: false }],
    publicGuards,
    consumer,
  };
}
