import { TenantResponseSchema } from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

/** The paths of tenants.routes.ts (seed 002 §5). */
export const registerTenantsPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/tenant',
    summary: "The caller's tenant",
    access: 'user',
    responses: { 200: { description: 'Tenant', schema: TenantResponseSchema } },
    errors: { 404: 'NOT_FOUND: the tenant is gone' },
  });
};
