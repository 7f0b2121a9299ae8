import { z } from 'zod';

/**
 * A secret sealed for the event's one consumer (AES-256-GCM, a key the two services share; the event id
 * and recipient are its authenticated data). Secrets never travel in `params`, which are plain text.
 */
export const SealedSecretSchema = z.object({
  alg: z.literal('A256GCM'),
  iv: z.base64url(),
  ciphertext: z.base64url(),
  tag: z.base64url(),
});

/** A request on `notifications` (seed 000) for notification-worker to send one message. */
export const NotificationRequestedDataSchema = z.object({
  channel: z.literal('email'),
  template: z.enum(['verify-email']),
  to: z.email(),
  params: z.record(z.string(), z.string()),
  /** verify-email: `{ token, link }` as JSON, sealed for notification-worker. */
  sealed: SealedSecretSchema.optional(),
});
export type NotificationRequestedData = z.infer<typeof NotificationRequestedDataSchema>;
