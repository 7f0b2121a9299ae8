import {
  PublicRecommendationRequestSchema,
  PublicRecommendationResponseSchema,
  RecommendationRequestSchema,
  RecommendationResponseSchema,
  SimilarItemsParamsSchema,
  SimilarItemsQuerySchema,
  SimilarItemsResponseSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

const how =
  'A known user is scored with the model; a user with interactions since training (or unknown to the model) is folded in from their recent interactions (label-weighted mean of the items’ vectors); anyone else gets the tenant’s popular items. Items the user interacted with are left out unless include_interacted. score in [0, 1]: (1 + cos) / 2 in the content space, sigmoid(dot) in a trained space; popular items 1 / (1 + rank / count). Answers are cached in Redis for RECS_CACHE_TTL_MS (dropped on an activation and on the user’s next interaction).';

/** The paths of recommendations.routes.ts (seed 002 §1 and §5). */
export const registerRecommendationsPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/internal/ml/recommendations',
    summary: `Recommendations for a user of a tenant (service token for ml-engine). ${how}`,
    access: 'service',
    body: RecommendationRequestSchema,
    responses: { 200: { description: 'The ranked items', schema: RecommendationResponseSchema } },
    errors: {
      400: 'VALIDATION_ERROR naming the field',
      403: 'FORBIDDEN: a service not allowed to ask',
      404: 'NOT_FOUND: the model_version is not one of the tenant’s',
    },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/recommendations',
    summary: `Recommendations for a user of the caller’s tenant (API key with read, or a user’s JWT: a viewer, a shop’s buyer, only for their own user_id); 1000 requests a minute per tenant, with X-RateLimit-* headers; counted as recommendations_served. ${how}`,
    access: 'user',
    body: PublicRecommendationRequestSchema,
    responses: { 200: { description: 'The ranked items', schema: PublicRecommendationResponseSchema } },
    errors: {
      400: 'VALIDATION_ERROR naming the field; a tenant_id in the body is refused',
      403: 'FORBIDDEN: an API key without the read permission, a service token, or a viewer asking for another user',
      429: 'RATE_LIMIT_EXCEEDED: more than the tenant’s requests a minute; Retry-After says when to come back',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/items/{item_id}/similar',
    summary:
      'More like this: the live items nearest to the item’s vector in the caller’s tenant’s active space (the trained model’s item vectors, else the content space, v0.0.0, also for an item the model does not hold), the item itself left out, nearest first; score in [0, 1] as recommendations score it ((1 + cos) / 2 in the content space, sigmoid(dot) in a trained space). API key with read, or any user of the tenant (a viewer included); rate limit and metering as recommendations (counted as recommendations_served).',
    access: 'user',
    params: SimilarItemsParamsSchema,
    query: SimilarItemsQuerySchema,
    responses: { 200: { description: 'The nearest items', schema: SimilarItemsResponseSchema } },
    errors: {
      403: 'FORBIDDEN: an API key without the read permission, or a service token',
      404: 'NOT_FOUND: no such live item in the caller’s tenant',
      429: 'RATE_LIMIT_EXCEEDED: more than the tenant’s requests a minute; Retry-After says when to come back',
    },
  });
};
