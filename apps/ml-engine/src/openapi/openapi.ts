import { registerBreakerPaths } from '@platform/resilience';
import { buildOpenApiDocument, type OpenApiDocument } from '@platform/service-kit';
import { registerItemsPaths } from '../items/items.openapi';
import { registerModelsPaths } from '../models/models.openapi';
import { registerRecommendationsPaths } from '../recommendations/recommendations.openapi';
import { registerTrainingPaths } from '../training/training.openapi';

/**
 * ml-engine's OpenAPI document: each component registers its own paths in a `*.openapi.ts` beside
 * its routes.
 */
export function buildMlEngineOpenApi(): OpenApiDocument {
  return buildOpenApiDocument(
    {
      title: 'ml-engine',
      version: '1.0.0',
      description:
        'Item embeddings, per-tenant vector indexes, training jobs (matrix factorization, two-tower, LightGCN), model versions and recommendations (seed 002 §1, §5).',
      serverUrl: 'http://localhost:8001',
    },
    [
      registerBreakerPaths,
      registerItemsPaths,
      registerRecommendationsPaths,
      registerTrainingPaths,
      registerModelsPaths,
    ],
  );
}
