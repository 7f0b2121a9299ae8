import { type Component, type ComponentDeps } from '../component';

/** EventFlow (seed 004): producers, events, queries, consumers with cursors. */
export function eventflowComponent(_deps: ComponentDeps): Component {
  return { routers: [], background: [], checks: [] };
}
