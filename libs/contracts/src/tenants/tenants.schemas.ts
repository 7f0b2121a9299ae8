import { z } from 'zod';

/** `GET /internal/tenants/{tenant_id}` (service token). */
export const TenantIdParamsSchema = z.object({ tenant_id: z.uuid() });

/** `GET /api/v1/tenant` (seed 002 §6), and `GET /internal/tenants/{tenant_id}` for ml-engine's settings. */
export const TenantResponseSchema = z.object({
  tenant_id: z.uuid(),
  name: z.string(),
  plan: z.enum(['starter', 'pro', 'enterprise']),
  status: z.enum(['active', 'suspended']),
  created_at: z.iso.datetime(),
  settings: z.object({ default_model: z.string(), embedding_dimension: z.number().int() }),
});
export type TenantResponse = z.infer<typeof TenantResponseSchema>;
