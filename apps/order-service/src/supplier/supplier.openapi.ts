import {
  ItemStockParamsSchema,
  ItemStockResponseSchema,
  SupplierWebhookSchema,
  SyncOptionsSchema,
  SyncResultSchema,
  WebhookResultSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

/** The paths of supplier.routes.ts and webhooks/supplier-webhook.routes.ts (seed 003). */
export const registerSupplierPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/catalog/sync',
    summary:
      "Bring the supplier's products into the shop (admin): 2% markup; fullSync removes delisted items",
    access: 'user',
    body: SyncOptionsSchema,
    responses: { 200: { description: 'What the sync did', schema: SyncResultSchema } },
    errors: {
      403: 'FORBIDDEN: only admins sync the catalog',
      409: 'SYNC_IN_PROGRESS: a sync of this shop is running',
      503: 'SERVICE_UNAVAILABLE: the supplier or the database is unavailable (or the supplier breaker is open)',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/items/{item_id}/stock',
    summary: "The supplier's stock of a supplier item (cached 5 minutes)",
    access: 'public',
    params: ItemStockParamsSchema,
    responses: { 200: { description: 'Availability at the supplier', schema: ItemStockResponseSchema } },
    errors: {
      401: 'AUTHENTICATION_FAILED: no credential and no X-Tenant-Id, or an invalid credential',
      404: 'NOT_FOUND: no such item in this shop, not a supplier item, or the supplier does not list it',
      503: 'SERVICE_UNAVAILABLE: the supplier is unavailable (or its breaker is open)',
    },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/webhooks/supplier',
    summary:
      'The supplier fulfilled an order or could not (signed: X-Supplier-Signature = hex HMAC-SHA256 of `${X-Supplier-Timestamp}.${raw body}`)',
    access: 'public',
    body: SupplierWebhookSchema,
    responses: { 200: { description: 'Processed', schema: WebhookResultSchema } },
    errors: {
      400: 'WEBHOOK_SIGNATURE_INVALID or VALIDATION_ERROR: bad or missing signature, timestamp beyond ±5 minutes, or an invalid body',
      404: 'ORDER_003: no such order',
      409: 'WEBHOOK_REPLAYED: this event was processed already',
    },
  });
};
