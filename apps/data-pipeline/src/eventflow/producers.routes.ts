import { randomUUID } from 'node:crypto';
import { CreateProducerRequestSchema, ProducerIdParamsSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { dashboardUser } from '../callers/callers';
import { DataErrors } from '../errors';
import { type EventFlowDeps } from './eventflow-deps';
import { generateProducerKey } from './producer-keys';

/** Seed 004 §6: a tenant's admins and developers manage its producers; the key is shown once. */
export function producersRouter(deps: EventFlowDeps): Router {
  const router = Router();

  router.post('/api/v1/producers', async (req, res) => {
    const { tenantId } = dashboardUser(res);
    const body = parseInput(CreateProducerRequestSchema, req.body);
    const key = generateProducerKey();
    const producer = await deps.producers.create({
      id: randomUUID(),
      tenantId,
      name: body.name,
      description: body.description,
      keyHash: key.hash,
      keyPrefix: key.prefix,
    });
    res
      .status(201)
      .location(`/api/v1/producers/${producer.producer_id}`)
      .json({ producer_id: producer.producer_id, api_key: key.key, created_at: producer.created_at });
  });

  router.get('/api/v1/producers', async (_req, res) => {
    const { tenantId } = dashboardUser(res);
    res.json({ producers: await deps.producers.list(tenantId) });
  });

  router.delete('/api/v1/producers/:id', async (req, res) => {
    const { tenantId } = dashboardUser(res);
    const { id } = parseInput(ProducerIdParamsSchema, req.params, 'params');
    if (!(await deps.producers.revoke(tenantId, id))) throw DataErrors.producerNotFound();
    res.status(204).end();
  });

  return router;
}
