import {
  ApiKeyIdParamsSchema,
  ApiKeyListResponseSchema,
  AuthResponseSchema,
  CreateApiKeyRequestSchema,
  CreatedApiKeyResponseSchema,
  CreateUserRequestSchema,
  ErrorEnvelopeSchema,
  HealthResponseSchema,
  JwksSchema,
  LoginRequestSchema,
  LogoutRequestSchema,
  PageQuerySchema,
  RefreshRequestSchema,
  RefreshResponseSchema,
  RegisterRequestSchema,
  TenantResponseSchema,
  UpdateUserRequestSchema,
  UserEventsResponseSchema,
  UserIdParamsSchema,
  UserResponseSchema,
  VerifyApiKeyRequestSchema,
  VerifyApiKeyResponseSchema,
  VerifyUserRequestSchema,
} from '@platform/contracts';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { type z } from 'zod';

type Responses = Record<number, { description: string; schema?: z.ZodType }>;
interface Route {
  method: RouteConfig['method'];
  path: string;
  summary: string;
  auth: 'public' | 'user' | 'service';
  body?: z.ZodType;
  params?: z.ZodObject;
  query?: z.ZodObject;
  responses: Responses;
}

const error = (description: string) => ({ description, schema: ErrorEnvelopeSchema });
const invalid = {
  400: error('VALIDATION_ERROR: the body, query or path is invalid (details.field names it)'),
};
const signedIn = {
  401: error('AUTHENTICATION_FAILED: missing, expired or invalid token'),
  403: error('FORBIDDEN: an API key, or a role without the right'),
};
const hidden = { 404: error('USER_004: no such user, or one the caller may not see') };

/** Every route of user-service, built from the same zod schemas the routes validate with. */
const ROUTES: Route[] = [
  {
    method: 'post',
    path: '/api/users',
    summary: "Sign up (a new tenant), or add a user to the admin's tenant",
    auth: 'public',
    body: CreateUserRequestSchema,
    responses: {
      201: { description: 'Created', schema: UserResponseSchema },
      ...invalid,
      403: error('FORBIDDEN: only admins add users'),
      409: error('USER_001 taken e-mail, USER_002 taken username'),
    },
  },
  {
    method: 'get',
    path: '/api/users/{user_id}',
    summary: 'A user (self, or any user of the tenant for admins)',
    auth: 'user',
    params: UserIdParamsSchema,
    responses: {
      200: { description: 'The user', schema: UserResponseSchema },
      ...invalid,
      ...signedIn,
      ...hidden,
    },
  },
  {
    method: 'put',
    path: '/api/users/{user_id}',
    summary: 'Change names, phone, profile; role (admins)',
    auth: 'user',
    params: UserIdParamsSchema,
    body: UpdateUserRequestSchema,
    responses: {
      200: { description: 'The changed user', schema: UserResponseSchema },
      ...invalid,
      ...signedIn,
      ...hidden,
    },
  },
  {
    method: 'delete',
    path: '/api/users/{user_id}',
    summary: 'Delete a user',
    auth: 'user',
    params: UserIdParamsSchema,
    responses: { 204: { description: 'Deleted' }, ...invalid, ...signedIn, ...hidden },
  },
  {
    method: 'post',
    path: '/api/users/{user_id}/verify',
    summary: 'Verify the e-mail address with the e-mailed token',
    auth: 'public',
    params: UserIdParamsSchema,
    body: VerifyUserRequestSchema,
    responses: {
      200: { description: 'The verified user', schema: UserResponseSchema },
      400: error('USER_003: invalid or expired token, or VALIDATION_ERROR'),
    },
  },
  {
    method: 'get',
    path: '/api/users/{user_id}/events',
    summary: "The user's event history, newest first",
    auth: 'user',
    params: UserIdParamsSchema,
    query: PageQuerySchema,
    responses: {
      200: { description: 'A page of events', schema: UserEventsResponseSchema },
      ...invalid,
      ...signedIn,
      ...hidden,
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/register',
    summary: 'Register: account, tenant and tokens, atomically',
    auth: 'public',
    body: RegisterRequestSchema,
    responses: {
      201: { description: 'Registered', schema: AuthResponseSchema },
      ...invalid,
      409: error('USER_001: taken e-mail'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in (a guest session_id is handed on in UserLoggedIn)',
    auth: 'public',
    body: LoginRequestSchema,
    responses: {
      200: { description: 'Tokens', schema: AuthResponseSchema },
      ...invalid,
      401: error('AUTHENTICATION_FAILED'),
      429: error('RATE_LIMIT_EXCEEDED: too many failed logins'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: 'Spend a refresh token for a new pair (reuse revokes the family)',
    auth: 'public',
    body: RefreshRequestSchema,
    responses: {
      200: { description: 'New tokens', schema: RefreshResponseSchema },
      ...invalid,
      401: error('AUTHENTICATION_FAILED'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the session of a refresh token',
    auth: 'public',
    body: LogoutRequestSchema,
    responses: { 204: { description: 'Logged out' }, ...invalid },
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'Public keys of access tokens',
    auth: 'public',
    responses: { 200: { description: 'JWKS', schema: JwksSchema } },
  },
  {
    method: 'get',
    path: '/api/v1/tenant',
    summary: "The caller's tenant",
    auth: 'user',
    responses: { 200: { description: 'Tenant', schema: TenantResponseSchema }, ...signedIn },
  },
  {
    method: 'get',
    path: '/api/v1/api-keys',
    summary: "The tenant's API keys (never the keys themselves)",
    auth: 'user',
    responses: { 200: { description: 'Keys', schema: ApiKeyListResponseSchema }, ...signedIn },
  },
  {
    method: 'post',
    path: '/api/v1/api-keys',
    summary: 'Create a key; the full key is in this response only',
    auth: 'user',
    body: CreateApiKeyRequestSchema,
    responses: {
      201: { description: 'Created', schema: CreatedApiKeyResponseSchema },
      ...invalid,
      ...signedIn,
    },
  },
  {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    summary: 'Revoke a key',
    auth: 'user',
    params: ApiKeyIdParamsSchema,
    responses: { 204: { description: 'Revoked' }, ...invalid, ...signedIn, 404: error('NOT_FOUND') },
  },
  {
    method: 'post',
    path: '/internal/api-keys/verify',
    summary: 'What a presented API key may do (service token)',
    auth: 'service',
    body: VerifyApiKeyRequestSchema,
    responses: {
      200: { description: 'Verdict', schema: VerifyApiKeyResponseSchema },
      ...invalid,
      401: error('AUTHENTICATION_FAILED: no valid service token'),
    },
  },
  {
    method: 'get',
    path: '/health',
    summary: 'Health (seed 002 §4)',
    auth: 'public',
    responses: {
      200: { description: 'Healthy or degraded', schema: HealthResponseSchema },
      503: { description: 'Unhealthy', schema: HealthResponseSchema },
    },
  },
];

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const service = registry.registerComponent('securitySchemes', 'serviceToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'service token (HS256)',
  });
  for (const r of ROUTES) {
    registry.registerPath({
      method: r.method,
      path: r.path,
      summary: r.summary,
      security:
        r.auth === 'user' ? [{ [bearer.name]: [] }] : r.auth === 'service' ? [{ [service.name]: [] }] : [],
      request: {
        ...(r.params ? { params: r.params } : {}),
        ...(r.query ? { query: r.query } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
      },
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, res]) => [
          status,
          {
            description: res.description,
            ...(res.schema ? { content: { 'application/json': { schema: res.schema } } } : {}),
          },
        ]),
      ),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'user-service',
      version: '1.0.0',
      description: 'Users, auth, tenants and API keys (seeds 000-004).',
    },
    servers: [{ url: 'http://localhost:3002' }],
  });
}
