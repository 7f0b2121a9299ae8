import {
  MlTenantHeaderSchema,
  ModelsResponseSchema,
  ModelVersionParamsSchema,
  ModelVersionSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

const caller =
  'service token for audience ml-engine (order-service, user-service, data-pipeline, ml-engine) with the tenant in X-Tenant-Id (uuid)';
const badTenant = 'VALIDATION_ERROR: X-Tenant-Id missing or not a uuid';
const notAllowed = 'FORBIDDEN: a service not allowed to call this route';

/** The paths of models.routes.ts (seed 002 §1: model versions, activation and rollback). */
export const registerModelsPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'get',
    path: '/internal/ml/models',
    headers: MlTenantHeaderSchema,
    summary: `The tenant's model versions, newest first, with the active one named (${caller})`,
    access: 'service',
    responses: { 200: { description: 'The versions and their metrics', schema: ModelsResponseSchema } },
    errors: { 400: badTenant, 403: notAllowed },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/internal/ml/models/{version}/activate',
    headers: MlTenantHeaderSchema,
    summary: `Makes a version of the tenant active (rollback too); the one active before becomes candidate, and cached recommendations are dropped (${caller})`,
    access: 'service',
    params: ModelVersionParamsSchema,
    responses: { 200: { description: 'The version, now active', schema: ModelVersionSchema } },
    errors: {
      400: `${badTenant}, or a version not like v1.2.0`,
      403: notAllowed,
      404: "NOT_FOUND: the tenant has no such version (another tenant's versions are not seen)",
    },
  });
};
