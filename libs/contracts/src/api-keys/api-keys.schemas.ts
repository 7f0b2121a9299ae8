import { z } from 'zod';

export const PermissionSchema = z.enum(['read', 'write']);

/** `POST /api/v1/api-keys` (seed 002 §6). `environment` picks `sk_live_` or `sk_test_`. */
export const CreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(PermissionSchema).min(1).max(2),
  environment: z.enum(['live', 'test']).default('live'),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;

/** The full key appears in this response only; it is stored as a hash. */
export const CreatedApiKeyResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  key: z.string().regex(/^sk_(live|test)_[A-Za-z0-9]{32}$/),
  key_prefix: z.string(),
  permissions: z.array(PermissionSchema),
  created_at: z.iso.datetime(),
});

export const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  key_prefix: z.string(),
  permissions: z.array(PermissionSchema),
  created_at: z.iso.datetime(),
  last_used_at: z.iso.datetime().nullable(),
  status: z.enum(['active', 'revoked']),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const ApiKeyListResponseSchema = z.object({ keys: z.array(ApiKeySchema) });
export const ApiKeyIdParamsSchema = z.object({ id: z.uuid() });

/** `POST /internal/api-keys/verify` (service token): what a presented key may do. */
export const VerifyApiKeyRequestSchema = z.object({ key: z.string().min(1).max(200) });
export const VerifyApiKeyResponseSchema = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    tenant_id: z.uuid(),
    key_id: z.uuid(),
    permissions: z.array(PermissionSchema),
  }),
  z.object({ valid: z.literal(false) }),
]);
export type VerifyApiKeyResponse = z.infer<typeof VerifyApiKeyResponseSchema>;
