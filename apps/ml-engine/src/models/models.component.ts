import { type ModelVersion, type ValidationMetrics } from '@platform/contracts';
import { type Component, type ComponentDeps } from '../component';
import { type ItemCatalog, type ModelSpaces, type TrainedModel } from '../model-space';
import { type TenantSettings } from '../tenants/tenant-settings';
import { usearchIndexKit } from './index-kit';
import { TenantSpaces } from './model-spaces';
import { modelVersions } from './model-versions';
import { modelsRouter } from './models.routes';

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
  deps: ComponentDeps,
  opts: { catalog: ItemCatalog; settings: TenantSettings },
): Component & { spaces: ModelSpaces; registry: ModelRegistry } {
  const { config } = deps;
  const { catalog } = opts;
  const indexes = usearchIndexKit(config, deps.store);
  const spaces = new TenantSpaces({ ...deps, catalog, indexes }, catalog, {
    maxSpaces: config.MODEL_SPACES_CACHED,
    activeTtlMs: config.ACTIVE_VERSION_TTL_MS,
  });
  const versions = modelVersions({ ...deps, catalog, indexes, spaces });
  return {
    routers: [modelsRouter(versions, config.SERVICE_TOKEN_SECRET)],
    background: [],
    checks: [],
    spaces,
    registry: { register: (input) => versions.register(input) },
  };
}
