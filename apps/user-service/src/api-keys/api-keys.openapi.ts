import {
  ApiKeyIdParamsSchema,
  ApiKeyListResponseSchema,
  CreateApiKeyRequestSchema,
  CreatedApiKeyResponseSchema,
  VerifyApiKeyRequestSchema,
  VerifyApiKeyResponseSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

/** The paths of api-keys.routes.ts (seed 002 §6 API keys, and the internal check). */
export const registerApiKeysPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'get',
    path: '/api/v1/api-keys',
    summary: "The tenant's API keys (never the keys themselves); admins and developers",
    access: 'user',
    responses: { 200: { description: 'Keys', schema: ApiKeyListResponseSchema } },
    errors: { 403: 'FORBIDDEN: viewers and API keys cannot see the keys' },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/api-keys',
    summary: 'Create a key; the full key is in this response only',
    access: 'user',
    body: CreateApiKeyRequestSchema,
    responses: { 201: { description: 'Created', schema: CreatedApiKeyResponseSchema } },
    errors: { 403: 'FORBIDDEN: viewers and API keys cannot manage keys' },
  });
  registerOperation(registry, {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    summary: 'Revoke a key',
    access: 'user',
    params: ApiKeyIdParamsSchema,
    responses: { 204: { description: 'Revoked' } },
    errors: { 403: 'FORBIDDEN: viewers and API keys cannot manage keys', 404: 'NOT_FOUND: no such key' },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/internal/api-keys/verify',
    summary: 'What a presented API key may do (service token)',
    access: 'service',
    body: VerifyApiKeyRequestSchema,
    responses: { 200: { description: 'Verdict', schema: VerifyApiKeyResponseSchema } },
    errors: { 403: 'FORBIDDEN: the calling service may not use this route' },
  });
};
