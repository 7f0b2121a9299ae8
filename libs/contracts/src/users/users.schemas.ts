import { z } from 'zod';
import { storableText } from '../text';
import { queryInt } from '../query';
import { utf8Bytes } from '../utf8';

export const RoleSchema = z.enum(['admin', 'developer', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

export const Username = z
  .string()
  .min(3)
  .max(50)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, hyphen and underscore only');

// bcrypt reads at most 72 bytes of a password; longer ones would be silently truncated.
export const Password = z
  .string()
  .min(8)
  .refine((p) => utf8Bytes(p) <= 72, 'at most 72 bytes');

const Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 format, e.g. +1234567890');
export const Name = storableText().trim().min(1).max(100);

/** `POST /api/users` request (seed 001). `role` only counts when an admin creates a user in their tenant. */
export const CreateUserRequestSchema = z.object({
  email: z.email().max(254),
  username: Username,
  password: Password,
  first_name: Name.optional(),
  last_name: Name.optional(),
  phone: Phone.optional(),
  role: RoleSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

export const ProfileSchema = z.object({
  bio: storableText().max(500).nullable(),
  country: storableText().max(100).nullable(),
  city: storableText().max(100).nullable(),
});

/** `PUT /api/users/{user_id}` (seed 001). At least one field; `role` is for admins only. */
export const UpdateUserRequestSchema = z
  .object({
    first_name: Name.nullable(),
    last_name: Name.nullable(),
    phone: Phone.nullable(),
    profile: ProfileSchema.partial(),
    role: RoleSchema,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'at least one field to change');
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

export const VerifyUserRequestSchema = z.object({ verification_token: z.string().min(1).max(200) });

export const UserIdParamsSchema = z.object({ user_id: z.uuid() });

/** A user as the User API returns it (seed 001), with the tenant and role of seed 002. */
export const UserResponseSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  username: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone: z.string().nullable(),
  is_active: z.boolean(),
  is_verified: z.boolean(),
  created_at: z.iso.datetime(),
  tenant_id: z.uuid(),
  role: RoleSchema,
  profile: ProfileSchema,
});
export type UserResponse = z.infer<typeof UserResponseSchema>;

export const PageQuerySchema = z.object({
  limit: queryInt({ min: 1, max: 100, fallback: 20 }),
  offset: queryInt({ min: 0, fallback: 0 }),
});

/** `GET /api/users` (admins): the tenant's users, newest first, optionally of one role. */
export const ListUsersQuerySchema = PageQuerySchema.extend({ role: RoleSchema.optional() });
export type ListUsersQuery = z.infer<typeof ListUsersQuerySchema>;

export const UserListResponseSchema = z.object({
  users: z.array(UserResponseSchema),
  total: z.number().int().nonnegative(),
});
export type UserListResponse = z.infer<typeof UserListResponseSchema>;

/** `GET /api/users/{user_id}/events`: the user's history, newest first (seed 001). */
export const UserEventsResponseSchema = z.object({
  events: z.array(
    z.object({
      id: z.uuid(),
      event_type: z.string(),
      data: z.record(z.string(), z.unknown()),
      created_at: z.iso.datetime(),
    }),
  ),
  limit: z.number().int(),
  offset: z.number().int(),
  total: z.number().int(),
});
export type UserEventsResponse = z.infer<typeof UserEventsResponseSchema>;
