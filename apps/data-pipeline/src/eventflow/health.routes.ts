import { EventFlowHealthResponseSchema } from '@platform/contracts';
import { Router } from 'express';
import { type EventFlowDeps } from './eventflow-deps';

const PROBE_TIMEOUT_MS = 3000;

/** Resolves true when `probe` succeeds within the timeout (a hung connection must not hang the check). */
async function healthy(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      probe().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Seed 004 §11 `GET /api/v1/health` (public): UP when PostgreSQL (where events are stored and read) and
 * Kafka (where they are accepted) both answer, else DOWN with 503. The service-wide `/health` has the details.
 */
export function eventflowHealthRouter(deps: EventFlowDeps): Router {
  const router = Router();
  const kafka = deps.broker.healthCheck(true);
  router.get('/api/v1/health', async (_req, res) => {
    const [database, broker] = await Promise.all([
      healthy(() => deps.pool.query('SELECT 1')),
      healthy(() => kafka.check()),
    ]);
    const up = database && broker;
    res.status(up ? 200 : 503).json(EventFlowHealthResponseSchema.parse({ status: up ? 'UP' : 'DOWN' }));
  });
  return router;
}
