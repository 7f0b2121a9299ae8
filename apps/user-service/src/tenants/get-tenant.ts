import { type TenantResponse } from '@platform/contracts';
import { type Store } from '../db/store';
import { UserErrors } from '../errors';

export async function getTenant(tenantId: string, deps: { store: Store }): Promise<TenantResponse> {
  const tenant = await deps.store.repos.tenants.findById(tenantId);
  if (!tenant) throw UserErrors.tenantNotFound();
  return tenant;
}
