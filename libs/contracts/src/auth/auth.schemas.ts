import { z } from 'zod';
import { Name, Password, RoleSchema, Username } from '../users/users.schemas';

/** `POST /api/v1/auth/register` (seed 003 RegisterRequest, with the snake_case names of seed 001 accepted too). */
export const RegisterRequestSchema = z.object({
  email: z.email().max(254),
  password: Password,
  nickname: Username.optional(),
  firstName: Name.optional(),
  lastName: Name.optional(),
  /** The name of the tenant created for the caller (default: "<nickname>'s workspace"). */
  tenant_name: z.string().trim().min(1).max(100).optional(),
});
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

/**
 * `POST /api/v1/auth/register` headers: a shop's buyer signs up in that shop (an existing, active tenant)
 * with `X-Tenant-Id`, as a `viewer`; without it the caller gets a new tenant of their own, as its admin.
 */
export const RegisterHeadersSchema = z.object({
  'x-tenant-id': z
    .uuid()
    .optional()
    .describe('The shop (tenant) to join as a viewer; without it a new tenant is created for the caller.'),
});
export type RegisterHeaders = z.infer<typeof RegisterHeadersSchema>;

/** `POST /api/v1/auth/login` (seed 002 §6, seed 004 §5); `session_id` is a guest session (seed 003). */
export const LoginRequestSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  session_id: z.string().min(1).max(128).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** Login and register response (seed 002 §6). */
export const AuthResponseSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive(),
  user: z.object({ id: z.uuid(), email: z.email(), tenant_id: z.uuid(), role: RoleSchema }),
});
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export const RefreshRequestSchema = z.object({ refresh_token: z.string().min(1).max(200) });

/** Seed 002 §6 plus the rotated refresh token (each refresh token works once). */
export const RefreshResponseSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive(),
});
export type RefreshResponse = z.infer<typeof RefreshResponseSchema>;

export const LogoutRequestSchema = RefreshRequestSchema;

/** `GET /.well-known/jwks.json`: the public keys that verify access tokens (RFC 7517). */
export const JwksSchema = z.object({
  keys: z.array(
    z.object({
      kty: z.literal('RSA'),
      kid: z.string(),
      alg: z.literal('RS256'),
      use: z.literal('sig'),
      n: z.string(),
      e: z.string(),
    }),
  ),
});
export type Jwks = z.infer<typeof JwksSchema>;
