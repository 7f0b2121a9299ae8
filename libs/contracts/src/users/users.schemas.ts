import { z } from 'zod';

const Username = z
  .string()
  .min(3)
  .max(50)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, hyphen and underscore only');

// bcrypt reads at most 72 bytes of a password; longer ones would be silently truncated.
const Password = z
  .string()
  .min(8)
  .refine((p) => Buffer.byteLength(p, 'utf8') <= 72, 'at most 72 bytes');

const Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 format, e.g. +1234567890');
const Name = z.string().trim().min(1).max(100);

/** `POST /api/users` request (seed 001). */
export const CreateUserRequestSchema = z.object({
  email: z.email().max(254),
  username: Username,
  password: Password,
  first_name: Name.optional(),
  last_name: Name.optional(),
  phone: Phone.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** A user as the User API returns it (seed 001). */
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
});
export type UserResponse = z.infer<typeof UserResponseSchema>;
