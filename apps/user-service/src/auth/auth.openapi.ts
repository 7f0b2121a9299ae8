import {
  AuthResponseSchema,
  JwksSchema,
  LoginRequestSchema,
  LogoutRequestSchema,
  RefreshRequestSchema,
  RefreshResponseSchema,
  RegisterHeadersSchema,
  RegisterRequestSchema,
} from '@platform/contracts';
import { type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';
import { PRESENTED_CREDENTIAL } from '../openapi/shared-responses';

/** registerOperation knows no request headers: add them to the operation it registered. */
function withHeaders(
  registry: OpenAPIRegistry,
  method: string,
  path: string,
  headers: typeof RegisterHeadersSchema,
): void {
  for (const d of registry.definitions)
    if (d.type === 'route' && d.route.method === method && d.route.path === path)
      d.route.request = { ...d.route.request, headers };
}

/** The paths of auth.routes.ts (seed 002 §6, seed 003, seed 004 §5). */
export const registerAuthPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/auth/register',
    summary:
      'Register: account, tenant (as its admin) and tokens, atomically; with X-Tenant-Id a buyer joins that shop as a viewer',
    access: 'public',
    body: RegisterRequestSchema,
    responses: { 201: { description: 'Registered', schema: AuthResponseSchema } },
    errors: {
      400: 'VALIDATION_ERROR: the body or X-Tenant-Id is invalid, or tenant_name is sent with X-Tenant-Id',
      401: PRESENTED_CREDENTIAL,
      403: 'FORBIDDEN: the shop named by X-Tenant-Id is suspended',
      404: 'NOT_FOUND: no tenant has the id in X-Tenant-Id',
      409: 'USER_001: taken e-mail, USER_002: taken username',
    },
  });
  withHeaders(registry, 'post', '/api/v1/auth/register', RegisterHeadersSchema);
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in (a guest session_id is handed on in UserLoggedIn)',
    access: 'public',
    body: LoginRequestSchema,
    responses: { 200: { description: 'Tokens', schema: AuthResponseSchema } },
    errors: {
      401: 'AUTHENTICATION_FAILED: wrong e-mail or password, or an invalid credential presented',
      429: 'RATE_LIMIT_EXCEEDED: too many failed logins (Retry-After says when to try again)',
    },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: 'Spend a refresh token for a new pair (reuse revokes the family)',
    access: 'public',
    body: RefreshRequestSchema,
    responses: { 200: { description: 'New tokens', schema: RefreshResponseSchema } },
    errors: { 401: 'AUTHENTICATION_FAILED: unknown, spent, expired or revoked refresh token' },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the session of a refresh token',
    access: 'public',
    body: LogoutRequestSchema,
    responses: { 204: { description: 'Logged out (also for a token that was already unknown)' } },
    errors: { 401: PRESENTED_CREDENTIAL },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'Public keys of access tokens',
    access: 'public',
    responses: { 200: { description: 'JWKS', schema: JwksSchema } },
    errors: { 401: PRESENTED_CREDENTIAL },
  });
};
