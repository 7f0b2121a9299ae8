import { createServiceTokens, requireService } from '@platform/auth';
import { tenantOf } from '@platform/clients';
import { EmbeddingsRequestSchema, ItemEmbeddingParamsSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { embedFeatures, itemEmbedding, type EmbeddingDeps } from './embeddings';

/** The services that ask for embeddings: order-service (its catalog), data-pipeline, user-service. */
export const EMBEDDING_CALLERS = ['order-service', 'data-pipeline', 'user-service'] as const;

/** Seed 002 §1 (internal embeddings) and §5 (an item's embedding). */
export function itemsRouter(deps: EmbeddingDeps, serviceTokenSecret: string): Router {
  const router = Router();
  const service = requireService(createServiceTokens(serviceTokenSecret), {
    audience: 'ml-engine',
    callers: EMBEDDING_CALLERS,
  });

  router.post('/internal/ml/embeddings', service, async (req, res) => {
    res.json(await embedFeatures(deps, parseInput(EmbeddingsRequestSchema, req.body)));
  });

  router.get('/api/v1/items/:item_id/embedding', async (req, res) => {
    const { tenantId } = tenantOf(res, 'read');
    const { item_id } = parseInput(ItemEmbeddingParamsSchema, req.params);
    res.json(await itemEmbedding(deps, tenantId, item_id));
  });

  return router;
}
