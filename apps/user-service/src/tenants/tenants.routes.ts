import { requireUser } from '@platform/auth';
import { Router } from 'express';
import { type Store } from '../db/store';
import { getTenant } from './get-tenant';

export function tenantsRouter(deps: { store: Store }): Router {
  const router = Router();
  router.get('/api/v1/tenant', async (_req, res) => {
    res.json(await getTenant(requireUser(res).tenantId, deps));
  });
  return router;
}
