import { EventQuerySchema, IngestEventRequestSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { operationsReader } from '../callers/callers';
import { idempotencyKeyOf } from '../idempotency-key';
import { type EventFlowDeps } from './eventflow-deps';
import { ingestEvent } from './ingest-event';
import { producerOf } from './producer-keys';
import { queryEvents } from './query-events';

/** Seed 004 §7–8: producers send events (producer key); the tenant's users and read keys query them. */
export function eventsRouter(deps: EventFlowDeps): Router {
  const router = Router();

  router.post('/api/v1/events', async (req, res) => {
    const producer = await producerOf(req, res, deps);
    const key = idempotencyKeyOf(req);
    const body = parseInput(IngestEventRequestSchema, req.body);
    res.status(202).json(await ingestEvent(producer, body, deps, key));
  });

  router.get('/api/v1/events', async (req, res) => {
    const { tenantId } = operationsReader(res);
    const query = parseInput(EventQuerySchema, req.query, 'query');
    res.json(await queryEvents(tenantId, query, deps));
  });

  return router;
}
