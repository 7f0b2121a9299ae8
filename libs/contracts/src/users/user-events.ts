import { z } from 'zod';
import { RoleSchema } from './users.schemas';

/** `UserCreated` on `user.events`: seed 000 `{user_id, email}` plus seed 001 `username, created_at`. */
export const UserCreatedDataSchema = z.object({
  user_id: z.uuid(),
  email: z.email(),
  username: z.string(),
  first_name: z.string().nullable().optional(),
  role: RoleSchema.optional(),
  created_at: z.iso.datetime(),
});
export type UserCreatedData = z.infer<typeof UserCreatedDataSchema>;

/** Seed 000 `{user_id}`; the e-mail address was verified. */
export const UserActivatedDataSchema = z.object({ user_id: z.uuid(), verified_at: z.iso.datetime() });

/**
 * Which fields changed (names only), and the new `email` and `first_name` when those changed: the one
 * consumer that needs them, notification-worker, keeps a projection of where to send mail.
 */
export const UserUpdatedDataSchema = z.object({
  user_id: z.uuid(),
  changed: z.array(z.string()).min(1),
  email: z.email().optional(),
  first_name: z.string().nullable().optional(),
  updated_at: z.iso.datetime(),
});

export const UserDeletedDataSchema = z.object({ user_id: z.uuid(), deleted_at: z.iso.datetime() });

/** With the guest `session_id` (seed 003) so that order-service can move the guest cart to the user. */
export const UserLoggedInDataSchema = z.object({
  user_id: z.uuid(),
  session_id: z.string().optional(),
  logged_in_at: z.iso.datetime(),
});

export const TenantCreatedDataSchema = z.object({
  tenant_id: z.uuid(),
  name: z.string(),
  plan: z.string(),
  created_by: z.uuid(),
});

export const ApiKeyCreatedDataSchema = z.object({
  key_id: z.uuid(),
  tenant_id: z.uuid(),
  name: z.string(),
  key_prefix: z.string(),
  permissions: z.array(z.string()),
});

/** Lets data-pipeline and ml-engine drop cached verdicts for the key. */
export const ApiKeyRevokedDataSchema = z.object({
  key_id: z.uuid(),
  tenant_id: z.uuid(),
  key_prefix: z.string(),
  revoked_at: z.iso.datetime(),
});
