import {
  AuthResponseSchema,
  JwksSchema,
  LoginRequestSchema,
  LogoutRequestSchema,
  RefreshRequestSchema,
  RefreshResponseSchema,
  RegisterRequestSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';
import { PRESENTED_CREDENTIAL } from '../openapi/shared-responses';

/** The paths of auth.routes.ts (seed 002 §6, seed 003, seed 004 §5). */
export const registerAuthPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/v1/auth/register',
    summary: 'Register: account, tenant and tokens, atomically',
    access: 'public',
    body: RegisterRequestSchema,
    responses: { 201: { description: 'Registered', schema: AuthResponseSchema } },
    errors: { 401: PRESENTED_CREDENTIAL, 409: 'USER_001: taken e-mail, USER_002: taken username' },
  });
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
