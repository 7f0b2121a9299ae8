import { randomUUID } from 'node:crypto';
import {
  type Recommendation,
  type RecommendationFiltersSchema,
  type RecommendationResponse,
} from '@platform/contracts';
import { currentContext } from '@platform/service-kit';
import type Redis from 'ioredis';
import { type z } from 'zod';
import { MlErrors } from '../errors';
import { type ModelSpace, type ModelSpaces } from '../model-space';
import { type ItemInfos } from './item-infos';
import { popularCandidates } from './popular';
import { RecentInteractions } from './recent-interactions';
import { RecsCache, userCacheKey } from './recs-cache';
import { type RecsMetrics } from './recs-metrics';
import { cosineDistance, round, scoreOf } from './scoring';
import { userQuery } from './user-query';

export interface RecommendDeps {
  redis: Redis;
  spaces: ModelSpaces;
  infos: ItemInfos;
  recent: RecentInteractions;
  cache: RecsCache;
  metrics: RecsMetrics;
}

export interface RecommendInput {
  tenantId: string;
  userId: string;
  count: number;
  filters?: z.infer<typeof RecommendationFiltersSchema>;
  modelVersion?: string;
  includeInteracted: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request's id when it is a UUID (the contract's), else a fresh one. */
const requestId = () => {
  const id = currentContext()?.request_id;
  return id && UUID.test(id) ? id : randomUUID();
};

/**
 * One recommendation request (seed 002 §1 and §5): the space to serve from, a cached answer if there is
 * one, else the user's query vector (model, fold-in) searched in the space's index with the filters as the
 * search's `accept`, or the tenant's popular items; then the answer is cached.
 */
export async function recommend(deps: RecommendDeps, input: RecommendInput): Promise<RecommendationResponse> {
  const started = performance.now();
  const { tenantId, userId } = input;
  const space = await spaceFor(deps.spaces, tenantId, input.modelVersion);
  const options = { count: input.count, filters: input.filters ?? {}, all: input.includeInteracted };
  // one round trip: the user's cached answers (a few fields) and recent interactions
  const userKey = userCacheKey(tenantId, userId);
  const [cachedAll, recentRaw] = await readBoth(deps.redis, userKey, deps.recent.readArgs(tenantId, userId));
  const recent = RecentInteractions.parse(recentRaw);
  const field = RecsCache.field(space.version, options, recent[0]?.id);
  const cached = deps.cache.decode(cachedAll[field]);
  deps.metrics.cacheLookup(tenantId, !!cached);
  const answer = (
    recommendations: Recommendation[],
    strategy: RecommendationResponse['strategy'],
    hit: boolean,
  ) => {
    deps.metrics.served(tenantId, recommendations.length);
    return {
      request_id: requestId(),
      recommendations,
      model_version: space.version,
      latency_ms: round(performance.now() - started, 3),
      cache_hit: hit,
      strategy,
    };
  };
  if (cached) return answer(cached.recommendations as Recommendation[], cached.strategy as 'model', true);

  const { recommendations, strategy } = await compute(deps, input, space, recent);
  deps.cache.put(tenantId, userId, field, { recommendations, strategy });
  return answer(recommendations, strategy, false);
}

async function readBoth(redis: Redis, userKey: string, recentArgs: [string, number, number]) {
  const replies = await redis
    .pipeline()
    .hgetall(userKey)
    .lrange(...recentArgs)
    .exec();
  const [[cacheErr, cached], [listErr, list]] = replies ?? [
    [null, {}],
    [null, []],
  ];
  if (cacheErr ?? listErr) throw (cacheErr ?? listErr)!;
  return [(cached ?? {}) as Record<string, string>, list as string[]] as const;
}

async function spaceFor(spaces: ModelSpaces, tenantId: string, version?: string): Promise<ModelSpace> {
  if (!version) return spaces.active(tenantId);
  const space = await spaces.version(tenantId, version);
  if (!space) throw MlErrors.modelVersionNotFound(version);
  return space;
}

async function compute(
  deps: RecommendDeps,
  input: RecommendInput,
  space: ModelSpace,
  recent: ReturnType<typeof RecentInteractions.parse>,
): Promise<{ recommendations: Recommendation[]; strategy: RecommendationResponse['strategy'] }> {
  const items = await deps.infos.of(input.tenantId);
  const excluded = new Set(input.filters?.exclude_ids ?? []);
  if (!input.includeInteracted) for (const r of recent) excluded.add(r.itemId);
  // seen = the model's training items of the user ∪ their recent interactions (the list is capped)
  const trained = input.includeInteracted ? undefined : space.hasSeen?.bind(space);
  const categories = input.filters?.categories ? new Set<string | null>(input.filters.categories) : undefined;
  const accept = (itemId: string) => {
    if (excluded.has(itemId) || trained?.(input.userId, itemId)) return false;
    const info = items.byId.get(itemId);
    return !!info && (!categories || categories.has(info.category));
  };
  const minScore = input.filters?.min_score ?? 0;
  const metadata = (itemId: string) => {
    const info = items.byId.get(itemId)!;
    return { category: info.category, created_at: info.createdAt };
  };

  const query = userQuery(space, input.userId, recent);
  if (query) {
    const t0 = performance.now();
    const found = space.index.search(query.vector, input.count, accept);
    deps.metrics.annSearch(input.tenantId, space.index.size, (performance.now() - t0) / 1000);
    const recommendations: Recommendation[] = [];
    for (const n of found) {
      const score = scoreOf(space.index.metric, n.distance);
      if (score < minScore) break; // the search's order is the score's order
      const v = space.index.vectorOf(n.itemId);
      const distance = v ? cosineDistance(query.vector, v) : 1;
      recommendations.push({
        item_id: n.itemId,
        score: round(score),
        embedding_distance: round(distance),
        metadata: metadata(n.itemId),
      });
    }
    return { recommendations, strategy: query.strategy };
  }

  const popular = await popularCandidates(deps.recent, space, items, input.tenantId, input.count, accept);
  const recommendations = popular
    .map((p) => ({
      item_id: p.itemId,
      score: round(p.score),
      // no user vector to measure from: the distance of a zero vector, "nothing in common"
      embedding_distance: 1,
      metadata: metadata(p.itemId),
    }))
    .filter((r) => r.score >= minScore);
  return { recommendations, strategy: 'popular' };
}
