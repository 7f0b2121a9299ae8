import { requireService, type ServiceTokens } from '@platform/auth';
import { TenantIdParamsSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { type Store } from '../db/store';
import { getTenant } from './get-tenant';

/** `GET /internal/tenants/{tenant_id}` for ml-engine: a tenant and its ML settings (service token). */
export function internalTenantsRouter(deps: { store: Store; serviceTokens: ServiceTokens }): Router {
  const router = Router();
  const callers = requireService(deps.serviceTokens, { audience: 'user-service', callers: ['ml-engine'] });
  router.get('/internal/tenants/:tenant_id', callers, async (req, res) => {
    res.json(await getTenant(parseInput(TenantIdParamsSchema, req.params, 'params').tenant_id, deps));
  });
  return router;
}
