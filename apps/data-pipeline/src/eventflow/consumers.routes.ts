import {
  CommitCursorRequestSchema,
  ConsumerEventsQuerySchema,
  ConsumerIdParamsSchema,
  ConsumerListQuerySchema,
  CreateConsumerRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router, type Request } from 'express';
import { commitCursor, listConsumers, nextEvents, registerConsumer } from './consumer-cursors';
import { consumerTenantOf } from './eventflow-callers';
import { type EventFlowDeps } from './eventflow-deps';

const consumerId = (req: Request) => parseInput(ConsumerIdParamsSchema, req.params, 'params').id;

/** Seed 004 §9: consumers with a cursor each, at-least-once until they commit. */
export function consumersRouter(deps: EventFlowDeps): Router {
  const router = Router();

  router.post('/api/v1/consumers', async (req, res) => {
    const tenantId = consumerTenantOf(req, res);
    const body = parseInput(CreateConsumerRequestSchema, req.body);
    const consumer = await registerConsumer(tenantId, body, deps);
    res.status(201).location(`/api/v1/consumers/${consumer.consumer_id}`).json(consumer);
  });

  router.get('/api/v1/consumers', async (req, res) => {
    const tenantId = consumerTenantOf(req, res);
    res.json(await listConsumers(tenantId, parseInput(ConsumerListQuerySchema, req.query, 'query'), deps));
  });

  router.get('/api/v1/consumers/:id/events', async (req, res) => {
    const tenantId = consumerTenantOf(req, res);
    const id = consumerId(req);
    const { limit } = parseInput(ConsumerEventsQuerySchema, req.query, 'query');
    res.json(await nextEvents(tenantId, id, limit, deps));
  });

  router.post('/api/v1/consumers/:id/commit', async (req, res) => {
    const tenantId = consumerTenantOf(req, res);
    const id = consumerId(req);
    const { cursor } = parseInput(CommitCursorRequestSchema, req.body);
    res.json(await commitCursor(tenantId, id, cursor, deps));
  });

  return router;
}
