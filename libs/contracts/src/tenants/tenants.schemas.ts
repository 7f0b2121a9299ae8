import { z } from 'zod';

/** `GET /api/v1/tenant` (seed 002 §6). */
export const TenantResponseSchema = z.object({
  tenant_id: z.uuid(),
  name: z.string(),
  plan: z.enum(['starter', 'pro', 'enterprise']),
  status: z.enum(['active', 'suspended']),
  created_at: z.iso.datetime(),
  settings: z.object({ default_model: z.string(), embedding_dimension: z.number().int() }),
});
export type TenantResponse = z.infer<typeof TenantResponseSchema>;
