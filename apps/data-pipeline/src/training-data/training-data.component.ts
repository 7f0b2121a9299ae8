import { type Component, type ComponentDeps } from '../component';

/** Training data: the Parquet writer, compaction, catalog.json and TrainingDataUpdated (seed 002 §3). */
export function trainingDataComponent(_deps: ComponentDeps): Component {
  return { routers: [], background: [], checks: [] };
}
