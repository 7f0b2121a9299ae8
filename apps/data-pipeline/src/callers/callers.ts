import { tenantCallers } from '@platform/clients';
import { isProducerKey } from '@platform/contracts';
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
