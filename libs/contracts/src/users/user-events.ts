import { z } from 'zod';

/** `UserCreated` on `user.events`: seed 000 `{user_id, email}` plus seed 001 `username, created_at`. */
export const UserCreatedDataSchema = z.object({
  user_id: z.uuid(),
  email: z.email(),
  username: z.string(),
  first_name: z.string().nullable().optional(),
  created_at: z.iso.datetime(),
});
export type UserCreatedData = z.infer<typeof UserCreatedDataSchema>;
