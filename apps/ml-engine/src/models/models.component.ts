import { type Component, type ComponentDeps } from '../component';
import { type ItemCatalog, type ModelSpaces, type TrainedModel } from '../model-space';
import { type TenantSettings } from '../tenants/tenant-settings';
import { type ModelVersion, type ValidationMetrics } from '@platform/contracts';

/** Registers a finished job's model as a version (v1.0.0, v1.1.0 …); activates it if not worse. */
export interface ModelRegistry {
  register(input: {
    tenantId: string;
    jobId: string;
    model: TrainedModel;
    metrics: ValidationMetrics;
  }): Promise<ModelVersion>;
}

/** Model versions: artifacts in the object store, activation and rollback, the spaces to serve from. */
export function modelsComponent(
  _deps: ComponentDeps,
  _opts: { catalog: ItemCatalog; settings: TenantSettings },
): Component & { spaces: ModelSpaces; registry: ModelRegistry } {
  throw new Error('models: not built yet');
}
