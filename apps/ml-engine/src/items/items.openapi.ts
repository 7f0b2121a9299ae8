import {
  EmbeddingsRequestSchema,
  EmbeddingsResponseSchema,
  ItemEmbeddingParamsSchema,
  ItemEmbeddingResponseSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

/** The paths of items.routes.ts (seed 002 §1 and §5). */
export const registerItemsPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/internal/ml/embeddings',
    summary:
      "Embeddings of up to 1,000 items' features, stored nowhere (service token of order-service, data-pipeline or user-service): in the tenant's active trained space through its content map, else the content encoder's vector in the tenant's embedding_dimension (model_version v0.0.0)",
    access: 'service',
    body: EmbeddingsRequestSchema,
    responses: {
      200: { description: 'One embedding per item, all of one version', schema: EmbeddingsResponseSchema },
    },
    errors: {
      403: 'FORBIDDEN: a service not allowed to ask for embeddings',
      404: 'NOT_FOUND: the tenant has no such model_version',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/items/{item_id}/embedding',
    summary:
      "An item's vector in the caller's tenant's active model version (API key with read, or a user of the tenant); the content vector (v0.0.0) before a model knows it",
    access: 'user',
    params: ItemEmbeddingParamsSchema,
    responses: { 200: { description: "The item's embedding", schema: ItemEmbeddingResponseSchema } },
    errors: { 404: "NOT_FOUND: no such live item in the caller's tenant" },
  });
};
