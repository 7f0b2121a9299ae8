import { createServiceTokens, requireService } from '@platform/auth';
import { MlTenantHeaderSchema, ModelVersionParamsSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { type Request, Router } from 'express';
import { type modelVersions } from './model-versions';

/** The platform's services that may read and activate model versions (web: the dashboard's server). */
export const MODELS_CALLERS = ['order-service', 'user-service', 'data-pipeline', 'ml-engine', 'web'] as const;

const tenantOf = (req: Request) =>
  parseInput(MlTenantHeaderSchema, { 'x-tenant-id': req.get('x-tenant-id') }, 'headers')['x-tenant-id'];

/** Seed 002 §1: the tenant's model versions and activation (rollback); service tokens only. */
export function modelsRouter(versions: ReturnType<typeof modelVersions>, serviceTokenSecret: string): Router {
  const router = Router();
  const service = requireService(createServiceTokens(serviceTokenSecret), {
    audience: 'ml-engine',
    callers: MODELS_CALLERS,
  });

  router.get('/internal/ml/models', service, async (req, res) => {
    res.json(await versions.list(tenantOf(req)));
  });

  router.post('/internal/ml/models/:version/activate', service, async (req, res) => {
    const tenantId = tenantOf(req);
    const { version } = parseInput(ModelVersionParamsSchema, req.params, 'params');
    res.json(await versions.activate(tenantId, version));
  });

  return router;
}
