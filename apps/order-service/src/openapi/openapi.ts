import { buildOpenApiDocument, type OpenApiDocument } from '@platform/service-kit';
import { registerCartsPaths } from '../carts/carts.openapi';
import { registerCatalogPaths } from '../catalog/catalog.openapi';
import { registerOrdersPaths } from '../orders/orders.openapi';
import { registerSupplierPaths } from '../supplier/supplier.openapi';
import { registerBreakerPaths } from '@platform/resilience';

/**
 * order-service's OpenAPI document: each component registers its own paths in a `*.openapi.ts` beside
 * its routes; add yours to the list (one line).
 */
export function buildOrderServiceOpenApi(): OpenApiDocument {
  return buildOpenApiDocument(
    {
      title: 'order-service',
      version: '1.0.0',
      description: 'Catalog, carts, wishlists, orders and promo codes (seeds 000, 001, 003).',
      serverUrl: 'http://localhost:3001',
    },
    [
      registerBreakerPaths,
      registerCatalogPaths,
      registerCartsPaths,
      registerOrdersPaths,
      registerSupplierPaths,
    ],
  );
}
