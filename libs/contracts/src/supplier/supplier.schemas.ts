import { z } from 'zod';
import { CategorySchema, ItemIdSchema } from '../items/items.schemas';

/*
 * The outside supplier's wire format (seed 003's "G2A"; in development, libs/devstack's
 * supplier-simulator) and order-service's supplier endpoints. Prices from the supplier are decimal.
 */

export const SupplierProductSchema = z.object({
  product_id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  description: z.string().max(5000).default(''),
  category: CategorySchema,
  tags: z.array(z.string().min(1).max(32)).max(20).default([]),
  price: z.number().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  stock: z.number().int().min(0),
});
export type SupplierProduct = z.infer<typeof SupplierProductSchema>;

/** `GET /products?page=&per_page=&ids=&categories=`. Products are checked one by one (a bad one is an error). */
export const SupplierProductPageSchema = z.object({
  products: z.array(z.unknown()),
  page: z.number().int().min(1),
  per_page: z.number().int().min(1),
  total: z.number().int().min(0),
  total_pages: z.number().int().min(0),
});
export type SupplierProductPage = z.infer<typeof SupplierProductPageSchema>;

/** `GET /products/{id}/stock` at the supplier. */
export const SupplierStockSchema = z.object({
  product_id: z.string(),
  stock: z.number().int().min(0),
  available: z.boolean(),
});

/** `POST /api/catalog/sync` (admin): seed 003 SyncOptions. */
export const SyncOptionsSchema = z
  .object({
    fullSync: z.boolean().default(false),
    productIds: z.array(z.string().min(1).max(128)).min(1).max(1000).optional(),
    categories: z.array(CategorySchema).min(1).max(100).optional(),
    includeRelationships: z.boolean().default(false),
  })
  .strict();
export type SyncOptions = z.infer<typeof SyncOptionsSchema>;

/** Seed 003 SyncResult. Genres and platforms are the supplier's `genre:` and `platform:` tags. */
export const SyncResultSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  categoriesCreated: z.number().int(),
  genresCreated: z.number().int(),
  platformsCreated: z.number().int(),
  errors: z.array(z.object({ productId: z.string(), error: z.string() })),
});
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const ItemStockParamsSchema = z.object({ item_id: ItemIdSchema });

/** `GET /api/items/{item_id}/stock`: seed 003 StockResult, from the supplier (cached 5 minutes). */
export const ItemStockResponseSchema = z.object({ available: z.boolean(), stock: z.number().int().min(0) });
export type ItemStockResponse = z.infer<typeof ItemStockResponseSchema>;

/** Headers of a supplier webhook: hex HMAC-SHA256 over `${timestamp}.${rawBody}`, Unix seconds. */
export const SUPPLIER_SIGNATURE_HEADER = 'x-supplier-signature';
export const SUPPLIER_TIMESTAMP_HEADER = 'x-supplier-timestamp';

const WebhookBase = {
  event_id: z.string().min(1).max(128),
  order_id: z.string().min(1).max(128),
  occurred_at: z.iso.datetime().optional(),
};

/** `POST /api/webhooks/supplier`: the supplier delivered the order's keys, or could not. */
export const SupplierWebhookSchema = z.discriminatedUnion('type', [
  z.object({
    ...WebhookBase,
    type: z.literal('order.fulfilled'),
    payload: z.object({ keys: z.array(z.string().min(1).max(512)).min(1).max(1000) }),
  }),
  z.object({
    ...WebhookBase,
    type: z.literal('order.fulfilment_failed'),
    payload: z.object({ reason: z.string().min(1).max(500) }),
  }),
]);
export type SupplierWebhook = z.infer<typeof SupplierWebhookSchema>;

/** Seed 003 WebhookResult. */
export const WebhookResultSchema = z.object({ success: z.boolean(), message: z.string() });
export type WebhookResult = z.infer<typeof WebhookResultSchema>;
