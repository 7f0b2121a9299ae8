import { InternalUserResponseSchema, UserIdParamsSchema } from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

/** The path of internal-users.routes.ts. */
export const registerInternalUsersPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'get',
    path: '/internal/users/{user_id}',
    summary: "A user's tenant, role and whether active (service token: order-service, payment-service)",
    access: 'service',
    params: UserIdParamsSchema,
    responses: { 200: { description: 'The user', schema: InternalUserResponseSchema } },
    errors: {
      403: 'FORBIDDEN: the calling service may not use this route',
      404: 'USER_004: no such user',
    },
  });
};
