import { z } from 'zod';
import { LoginRequestSchema, RegisterRequestSchema } from '../auth/auth.schemas';
import { TrainingTriggerRequestSchema } from '../ml/ml.schemas';
import { RoleSchema } from '../users/users.schemas';

/**
 * The web app's own server (apps/web): its session endpoints (`/web-api/session/*`), which keep the
 * rotating refresh token in an httpOnly cookie the page scripts never see, and the dashboard's ML calls.
 */

/** `POST /web-api/session/login`: user-service's login body. */
export const WebLoginRequestSchema = LoginRequestSchema;
export type WebLoginRequest = z.infer<typeof WebLoginRequestSchema>;

/** `POST /web-api/session/register`: user-service's register body, and the shop to join as a buyer. */
export const WebRegisterRequestSchema = RegisterRequestSchema.extend({
  /** Sent to user-service as `X-Tenant-Id`: the buyer joins that shop instead of opening a new one. */
  tenant_id: z.uuid().optional(),
});
export type WebRegisterRequest = z.infer<typeof WebRegisterRequestSchema>;

/** `POST /web-api/session/refresh` and `/logout`: no body needed (the cookie carries the token). */
export const WebEmptyRequestSchema = z.object({}).strict();

/** What every session endpoint answers: the access token and who it is; never the refresh token. */
export const SessionGrantSchema = z.object({
  access_token: z.string(),
  expires_in: z.number().int().positive(),
  user: z.object({
    id: z.uuid(),
    email: z.email().optional(),
    tenant_id: z.uuid(),
    role: RoleSchema,
  }),
});
export type SessionGrant = z.infer<typeof SessionGrantSchema>;

/** `POST /web-api/ml/training/trigger`: ml-engine's trigger body without `tenant_id` (the signed-in user's). */
export const WebTrainingTriggerRequestSchema = TrainingTriggerRequestSchema.omit({ tenant_id: true });
export type WebTrainingTriggerRequest = z.infer<typeof WebTrainingTriggerRequestSchema>;
