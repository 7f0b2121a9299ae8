import { type Component, type ComponentDeps } from '../component';
import { type ItemCatalog } from '../model-space';
import { type ModelRegistry } from '../models/models.component';
import { type TenantSettings } from '../tenants/tenant-settings';

/** Durable training jobs run in worker threads; each finished job registers a model version. */
export interface TrainingJobs {
  /** Resolves when the job is completed or failed (tests and benches). */
  waitFor(jobId: string): Promise<void>;
}

export function trainingComponent(
  _deps: ComponentDeps,
  _opts: { catalog: ItemCatalog; registry: ModelRegistry; settings: TenantSettings },
): Component & { jobs: TrainingJobs } {
  throw new Error('training: not built yet');
}
