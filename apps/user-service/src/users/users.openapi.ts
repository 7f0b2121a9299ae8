import {
  CreateUserRequestSchema,
  ListUsersQuerySchema,
  PageQuerySchema,
  UpdateUserRequestSchema,
  UserEventsResponseSchema,
  UserIdParamsSchema,
  UserListResponseSchema,
  UserResponseSchema,
  VerifyUserRequestSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';
import { PRESENTED_CREDENTIAL } from '../openapi/shared-responses';

const hidden = 'USER_004: no such user, or one the caller may not see';

/** The paths of users.routes.ts (seed 001 User API). */
export const registerUsersPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/users',
    summary: "Sign up (a new tenant), or add a user to the admin's tenant",
    access: 'public',
    body: CreateUserRequestSchema,
    responses: { 201: { description: 'Created', schema: UserResponseSchema } },
    errors: {
      401: PRESENTED_CREDENTIAL,
      403: 'FORBIDDEN: only admins add users to a tenant',
      409: 'USER_001 taken e-mail, USER_002 taken username',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/users',
    summary: "The tenant's users, newest first, optionally of one role (admins)",
    access: 'user',
    query: ListUsersQuerySchema,
    responses: { 200: { description: 'A page of users and their total', schema: UserListResponseSchema } },
    errors: { 403: 'FORBIDDEN: only an admin lists users (a developer, a viewer or an API key may not)' },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/users/{user_id}',
    summary: 'A user (self, or any user of the tenant for admins)',
    access: 'user',
    params: UserIdParamsSchema,
    responses: { 200: { description: 'The user', schema: UserResponseSchema } },
    errors: { 404: hidden },
  });
  registerOperation(registry, {
    method: 'put',
    path: '/api/users/{user_id}',
    summary: 'Change names, phone, profile; role (admins)',
    access: 'user',
    params: UserIdParamsSchema,
    // the contract refines "at least one field"; zod cannot tell OpenAPI that, so say it here
    body: UpdateUserRequestSchema.meta({ minProperties: 1 }),
    responses: { 200: { description: 'The changed user', schema: UserResponseSchema } },
    errors: { 403: 'FORBIDDEN: only an admin changes roles, and an API key changes nothing', 404: hidden },
  });
  registerOperation(registry, {
    method: 'delete',
    path: '/api/users/{user_id}',
    summary: "Delete a user; the user's tokens stop working at once",
    access: 'user',
    params: UserIdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: { 404: hidden },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/users/{user_id}/verify',
    summary: 'Verify the e-mail address with the e-mailed token',
    access: 'public',
    params: UserIdParamsSchema,
    body: VerifyUserRequestSchema,
    responses: { 200: { description: 'The verified user', schema: UserResponseSchema } },
    errors: {
      400: 'USER_003: unknown user, wrong, spent or expired token; or VALIDATION_ERROR',
      401: PRESENTED_CREDENTIAL,
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/users/{user_id}/events',
    summary: "The user's event history, newest first",
    access: 'user',
    params: UserIdParamsSchema,
    query: PageQuerySchema,
    responses: { 200: { description: 'A page of events', schema: UserEventsResponseSchema } },
    errors: { 404: hidden },
  });
};
