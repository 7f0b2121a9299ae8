import { requireService, type ServiceTokens } from '@platform/auth';
import { type InternalUserResponse, UserIdParamsSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { type Store } from '../db/store';
import { UserErrors } from '../errors';

/** What another service may ask about a user before acting for them: tenant, role, whether active. */
export async function internalUser(id: string, deps: { store: Store }): Promise<InternalUserResponse> {
  const user = await deps.store.repos.users.findById(id);
  if (!user) throw UserErrors.notFound();
  return { id: user.id, tenant_id: user.tenant_id, role: user.role, is_active: user.is_active };
}

/** `GET /internal/users/{user_id}` for order-service and payment-service (service token). */
export function internalUsersRouter(deps: { store: Store; serviceTokens: ServiceTokens }): Router {
  const router = Router();
  const callers = requireService(deps.serviceTokens, {
    audience: 'user-service',
    callers: ['order-service', 'payment-service'],
  });
  router.get('/internal/users/:user_id', callers, async (req, res) => {
    res.json(await internalUser(parseInput(UserIdParamsSchema, req.params, 'params').user_id, deps));
  });
  return router;
}
