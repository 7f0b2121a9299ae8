import { buildOpenApiDocument, type OpenApiDocument } from '@platform/service-kit';
import { registerBreakerPaths } from '@platform/resilience';
import { registerPaymentsPaths } from '../payments/payments.openapi';
import { registerWalletPaths } from '../wallet/wallet.openapi';

/**
 * payment-service's OpenAPI document: each component registers its own paths in a `*.openapi.ts` beside
 * its routes; add yours to the list (one line).
 */
export function buildPaymentServiceOpenApi(): OpenApiDocument {
  return buildOpenApiDocument(
    {
      title: 'payment-service',
      version: '1.0.0',
      description: 'Payments, refunds, the wallet and the card gateway callbacks (seeds 001, 003).',
      serverUrl: 'http://localhost:3003',
    },
    [registerBreakerPaths, registerPaymentsPaths, registerWalletPaths],
  );
}
