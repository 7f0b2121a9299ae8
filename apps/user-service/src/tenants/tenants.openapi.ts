import { TenantIdParamsSchema, TenantResponseSchema } from '@platform/contracts';
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

/** The path of internal-tenants.routes.ts. */
export const registerInternalTenantsPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'get',
    path: '/internal/tenants/{tenant_id}',
    summary: 'A tenant and its ML settings, default_model and embedding_dimension (service token: ml-engine)',
    access: 'service',
    params: TenantIdParamsSchema,
    responses: { 200: { description: 'The tenant', schema: TenantResponseSchema } },
    errors: {
      403: 'FORBIDDEN: the calling service may not use this route',
      404: 'NOT_FOUND: no such tenant',
    },
  });
};
