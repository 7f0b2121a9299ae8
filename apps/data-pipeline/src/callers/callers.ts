import { tenantCallers, tenantOf } from '@platform/clients';
import { isProducerKey } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { type Response } from 'express';
import { type ComponentDeps } from '../component';

export { tenantOf, dashboardUser, type Permission } from '@platform/clients';

/**
 * Who calls data-pipeline: users and API keys on `/api/v1/*`, service tokens on `/internal/*`
 * (libs/clients); EventFlow's producer keys (`evp_…`) are left to the events route.
 */
export const callers = (deps: ComponentDeps) =>
  tenantCallers({
    ...deps,
    service: 'data-pipeline',
    skip: (_req, token) => !!token && isProducerKey(token),
  });

/**
 * A read of the tenant's own operations (its usage, its stored EventFlow events): an API key with `read`,
 * or an admin or developer. Not a viewer: viewers are a shop's buyers, who see their own things only.
 */
export function operationsReader(res: Response): { tenantId: string } {
  const { tenantId, principal } = tenantOf(res, 'read');
  if (principal.kind === 'user' && principal.role === 'viewer')
    throw Errors.forbidden("A viewer may not read the tenant's usage or events");
  return { tenantId };
}
