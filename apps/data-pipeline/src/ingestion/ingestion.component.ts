import { type Component, type ComponentDeps } from '../component';
import { IngestionMetrics } from './ingestion-metrics';
import { ingestionRouter } from './ingestion.routes';

/** Ingestion: the internal batch routes and the public interaction and item routes (seed 002 §2, §5, §9). */
export function ingestionComponent(deps: ComponentDeps): Component {
  const use = {
    publisher: deps.publisher,
    metrics: new IngestionMetrics(deps.metrics),
    publishTimeoutMs: deps.config.INGEST_PUBLISH_TIMEOUT_MS,
    now: () => new Date(),
  };
  return { routers: [ingestionRouter(use, deps.config.SERVICE_TOKEN_SECRET)], background: [], checks: [] };
}
