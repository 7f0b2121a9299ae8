import { z } from 'zod';

/** A request on `notifications` (seed 000) for notification-worker to send one message. */
export const NotificationRequestedDataSchema = z.object({
  channel: z.literal('email'),
  template: z.enum(['verify-email']),
  to: z.email(),
  params: z.record(z.string(), z.string()),
});
export type NotificationRequestedData = z.infer<typeof NotificationRequestedDataSchema>;
