import { createServiceTokens, requireService } from '@platform/auth';
import { tenantOf } from '@platform/clients';
import {
  PublicRecommendationRequestSchema,
  RecommendationRequestSchema,
  type RecommendationResponse,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { recommend, type RecommendDeps } from './recommend';

/** The platform services that ask ml-engine for recommendations on a tenant's behalf. */
export const RECOMMENDATION_CALLERS = [
  'order-service',
  'user-service',
  'notification-worker',
  'data-pipeline',
];

/** Counts a call served to a tenant outside the public routes' meter (the internal route). */
export type RecordUsage = (tenantId: string, latencyMs: number, served: number) => void;

/** Seed 002 §1 (internal, service tokens) and §5 (public, API key with read or JWT): one use case. */
export function recommendationsRouter(deps: RecommendDeps, secret: string, recordUsage: RecordUsage): Router {
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
    const { tenantId } = tenantOf(res, 'read');
    const body = parseInput(PublicRecommendationRequestSchema, req.body);
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

  return router;
}

const publicAnswer = (a: RecommendationResponse) => ({
  recommendations: a.recommendations.map((r) => ({ item_id: r.item_id, score: r.score })),
  metadata: { model_version: a.model_version, latency_ms: a.latency_ms, cache_hit: a.cache_hit },
});
