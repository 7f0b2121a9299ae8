import { UsageQuerySchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { operationsReader } from '../callers/callers';
import { getUsage } from './get-usage';
import { type UsageRepository } from './usage.repository';

/** `GET /api/v1/usage` (seed 002 §5): the caller's own tenant; an API key with `read`, an admin or developer. */
export function usageRouter(deps: {
  repo: UsageRepository;
  limitOf: (tenantId: string) => Promise<{ limit: number }>;
}): Router {
  const router = Router();
  router.get('/api/v1/usage', async (req, res) => {
    const { tenantId } = operationsReader(res);
    const query = parseInput(UsageQuerySchema, req.query, 'query');
    res.json(await getUsage(tenantId, query, deps));
  });
  return router;
}
