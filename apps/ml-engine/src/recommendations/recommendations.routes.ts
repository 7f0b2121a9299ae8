import { createServiceTokens, requireService } from '@platform/auth';
import { tenantOf } from '@platform/clients';
import {
  PublicRecommendationRequestSchema,
  RecommendationRequestSchema,
  type RecommendationResponse,
  SimilarItemsParamsSchema,
  SimilarItemsQuerySchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { MlErrors } from '../errors';
import { type ItemCatalog } from '../model-space';
import { recommend, type RecommendDeps } from './recommend';
import { similarItems } from './similar';

/** The platform services that ask ml-engine for recommendations on a tenant's behalf. */
export const RECOMMENDATION_CALLERS = [
  'order-service',
  'user-service',
  'notification-worker',
  'data-pipeline',
];

/** Counts a call served to a tenant outside the public routes' meter (the internal route). */
export type RecordUsage = (tenantId: string, latencyMs: number, served: number) => void;

/**
 * Seed 002 §1 (internal, service tokens) and §5 (public, API key with read or JWT): one use case; and
 * "more like this" (an item's nearest neighbours in the same space).
 */
export function recommendationsRouter(
  deps: RecommendDeps & { catalog: ItemCatalog },
  secret: string,
  recordUsage: RecordUsage,
): Router {
  const router = Router();
  const service = requireService(createServiceTokens(secret), {
    audience: 'ml-engine',
    callers: RECOMMENDATION_CALLERS,
  });

  router.post('/internal/ml/recommendations', service, async (req, res) => {
    const body = parseInput(RecommendationRequestSchema, req.body);
    const answer = await recommend(deps, {
      tenantId: body.tenant_id,
      userId: body.user_id,
      count: body.count,
      filters: body.filters,
      modelVersion: body.model_version,
      includeInteracted: body.include_interacted,
    });
    recordUsage(body.tenant_id, answer.latency_ms, answer.recommendations.length);
    res.json(answer);
  });

  router.post('/api/v1/recommendations', async (req, res) => {
    const { tenantId, principal } = tenantOf(res, 'read');
    const body = parseInput(PublicRecommendationRequestSchema, req.body);
    // a viewer (a shop's buyer) is served their own recommendations only
    if (principal.kind === 'user' && principal.role === 'viewer' && body.user_id !== principal.userId)
      throw MlErrors.forbidden('A viewer may only ask for their own recommendations');
    const answer = await recommend(deps, {
      tenantId,
      userId: body.user_id,
      count: body.count,
      filters: body.filters,
      includeInteracted: body.include_interacted,
    });
    res.locals.usage = { recommendations_served: answer.recommendations.length };
    res.json(publicAnswer(answer));
  });

  router.get('/api/v1/items/:item_id/similar', async (req, res) => {
    const { tenantId } = tenantOf(res, 'read');
    const { item_id } = parseInput(SimilarItemsParamsSchema, req.params, 'params');
    const { count } = parseInput(SimilarItemsQuerySchema, req.query, 'query');
    const answer = await similarItems(deps, tenantId, item_id, count);
    res.locals.usage = { recommendations_served: answer.items.length };
    res.json(answer);
  });

  return router;
}

const publicAnswer = (a: RecommendationResponse) => ({
  recommendations: a.recommendations.map((r) => ({ item_id: r.item_id, score: r.score })),
  metadata: { model_version: a.model_version, latency_ms: a.latency_ms, cache_hit: a.cache_hit },
});
