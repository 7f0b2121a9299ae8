import { registerBreakerPaths } from '@platform/resilience';
import { buildOpenApiDocument, type OpenApiDocument } from '@platform/service-kit';
import { registerEventFlowPaths } from '../eventflow/eventflow.openapi';
import { registerIngestionPaths } from '../ingestion/ingestion.openapi';
import { registerUsagePaths } from '../usage/usage.openapi';

/**
 * data-pipeline's OpenAPI document: each component registers its own paths in a `*.openapi.ts` beside
 * its routes; add yours to the list (one line).
 */
export function buildDataPipelineOpenApi(): OpenApiDocument {
  return buildOpenApiDocument(
    {
      title: 'data-pipeline',
      version: '1.0.0',
      description:
        'Interaction and item ingestion, training data (Parquet + catalog.json), usage and quotas, EventFlow (seeds 002, 004).',
      serverUrl: 'http://localhost:8002',
    },
    [registerBreakerPaths, registerIngestionPaths, registerUsagePaths, registerEventFlowPaths],
  );
}
