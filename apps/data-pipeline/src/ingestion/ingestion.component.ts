import { type Component, type ComponentDeps } from '../component';

/** Ingestion: the internal batch routes and the public interaction and item routes (seed 002 §2, §5, §9). */
export function ingestionComponent(_deps: ComponentDeps): Component {
  return { routers: [], background: [], checks: [] };
}
