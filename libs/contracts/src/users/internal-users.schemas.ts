import { z } from 'zod';
import { RoleSchema } from './users.schemas';

/**
 * `GET /internal/users/{user_id}` (service token): what another service needs to know about a user
 * before acting for them (order-service before an order, payment-service before a charge).
 */
export const InternalUserResponseSchema = z.object({
  id: z.uuid(),
  tenant_id: z.uuid(),
  role: RoleSchema,
  is_active: z.boolean(),
});
export type InternalUserResponse = z.infer<typeof InternalUserResponseSchema>;
