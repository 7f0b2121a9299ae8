import { createServiceTokens, requireService } from '@platform/auth';
import {
  IngestInteractionsRequestSchema,
  IngestItemsRequestSchema,
  PublicIngestItemsRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { tenantOf } from '../callers/callers';
import { idempotencyKeyOf } from '../idempotency-key';
import { ingestInteractions, ingestItems, trackInteraction, type IngestionDeps } from './ingest-records';

/** The services that upload training data: order-service (purchases), user-service, ml-engine. */
export const INGESTION_CALLERS = ['order-service', 'user-service', 'ml-engine'] as const;

/** The batch routes: 10,000 records are a few MB of JSON, more than the platform's 1 MB default. */
export const INGESTION_BATCH_PATHS = ['/internal/data/interactions', '/internal/data/items', '/api/v1/items'];
export const INGESTION_BODY_LIMIT = '16mb';

/** Seed 002 §2 (internal batches from other services) and §5 (the public interaction and item routes). */
export function ingestionRouter(deps: IngestionDeps, serviceTokenSecret: string): Router {
  const router = Router();
  const service = requireService(createServiceTokens(serviceTokenSecret), {
    audience: 'data-pipeline',
    callers: INGESTION_CALLERS,
  });

  router.post('/internal/data/interactions', service, async (req, res) => {
    const key = idempotencyKeyOf(req);
    const body = parseInput(IngestInteractionsRequestSchema, req.body);
    res.json(await ingestInteractions(deps, body.tenant_id, body.interactions, 'batch', key));
  });

  router.post('/internal/data/items', service, async (req, res) => {
    const body = parseInput(IngestItemsRequestSchema, req.body);
    res.json(await ingestItems(deps, body.tenant_id, body.items));
  });

  // 202: the interaction is durably queued (on Kafka), not yet in the training data
  router.post('/api/v1/interactions', async (req, res) => {
    const { tenantId } = tenantOf(res, 'write');
    const key = idempotencyKeyOf(req);
    res.status(202).json(await trackInteraction(deps, tenantId, req.body, key));
  });

  router.post('/api/v1/items', async (req, res) => {
    const { tenantId } = tenantOf(res, 'write');
    const body = parseInput(PublicIngestItemsRequestSchema, req.body);
    const result = await ingestItems(deps, tenantId, body.items);
    res.locals.usage = { items_indexed: result.accepted };
    res.json(result);
  });

  return router;
}
