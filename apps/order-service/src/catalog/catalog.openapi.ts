import {
  CreateItemRequestSchema,
  ItemListResponseSchema,
  ItemParamsSchema,
  ItemResponseSchema,
  ListItemsQuerySchema,
  UpdateItemRequestSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

const hidden = 'NOT_FOUND: no such item in this shop (or deleted; another shop’s item is not revealed)';
const shopRead =
  'AUTHENTICATION_FAILED: no credential and no X-Tenant-Id, or an invalid credential (a guest names the shop with X-Tenant-Id)';

/** The paths of catalog.routes.ts (seed 000 IItemService). */
export const registerCatalogPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/items',
    summary: 'Put an item in the shop (admin or developer); the caller owns it',
    access: 'user',
    body: CreateItemRequestSchema,
    responses: { 201: { description: 'Created', schema: ItemResponseSchema } },
    errors: { 403: 'FORBIDDEN: only admins and developers create items (an API key cannot)' },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/items',
    summary: "The shop's items, newest first: by owner, category, and q (text in title, description, tags)",
    access: 'public',
    query: ListItemsQuerySchema,
    responses: { 200: { description: 'A page of items', schema: ItemListResponseSchema } },
    errors: { 401: shopRead, 403: 'FORBIDDEN: X-Tenant-Id names another shop than the credential' },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/items/{item_id}',
    summary: 'One item (anyone in the shop: a guest with X-Tenant-Id, a user, an API key)',
    access: 'public',
    params: ItemParamsSchema,
    responses: { 200: { description: 'The item', schema: ItemResponseSchema } },
    errors: {
      401: shopRead,
      403: 'FORBIDDEN: X-Tenant-Id names another shop than the credential',
      404: hidden,
    },
  });
  registerOperation(registry, {
    method: 'put',
    path: '/api/items/{item_id}',
    summary: 'Change an item (its owner or an admin)',
    access: 'user',
    params: ItemParamsSchema,
    body: UpdateItemRequestSchema.meta({ minProperties: 1 }),
    responses: { 200: { description: 'The changed item', schema: ItemResponseSchema } },
    errors: { 403: 'FORBIDDEN: neither the owner of the item nor an admin', 404: hidden },
  });
  registerOperation(registry, {
    method: 'delete',
    path: '/api/items/{item_id}',
    summary: 'Delete an item (soft delete; its owner or an admin)',
    access: 'user',
    params: ItemParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: { 403: 'FORBIDDEN: neither the owner of the item nor an admin', 404: hidden },
  });
};
