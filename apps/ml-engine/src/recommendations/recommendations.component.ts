import { type Component, type ComponentDeps, type PublicGuards } from '../component';
import { type ItemCatalog, type ModelSpaces } from '../model-space';

/** Recommendations: scoring, fold-in, popularity, filters, cache, rate limit and usage metering. */
export function recommendationsComponent(
  _deps: ComponentDeps,
  _opts: { catalog: ItemCatalog; spaces: ModelSpaces },
): Component & { publicGuards: PublicGuards } {
  throw new Error('recommendations: not built yet');
}
