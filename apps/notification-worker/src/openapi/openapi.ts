import { buildOpenApiDocument, type OpenApiDocument } from '@platform/service-kit';

/**
 * notification-worker's OpenAPI document: it works from Kafka and serves no API of its own, so the
 * document holds only what `createService` serves everywhere (/health, /ready, /metrics) and itself;
 * it exists so that "every service has a committed document, fuzzed" holds for the worker too.
 */
export function buildNotificationWorkerOpenApi(): OpenApiDocument {
  return buildOpenApiDocument(
    {
      title: 'notification-worker',
      version: '1.0.0',
      description:
        'Mails from the platform events (welcome, verification, order receipts, cancellations, refunds); only probes over HTTP.',
      serverUrl: 'http://localhost:3004',
    },
    [],
  );
}
