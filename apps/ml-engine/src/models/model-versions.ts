import { ValidationMetricsSchema, type ModelVersion, type ValidationMetrics } from '@platform/contracts';
import { withTransaction } from '@platform/service-kit';
import { Gauge } from 'prom-client';
import { type ComponentDeps } from '../component';
import { MlErrors } from '../errors';
import { type ItemCatalog, type TrainedModel } from '../model-space';
import { type IndexKit } from './index-kit';
import { artifactFolder } from './model-artifacts';
import { type TenantSpaces } from './model-spaces';
import { modelsRepository as repo, toModelVersion } from './models.repository';
import { buildAndSaveSpace } from './space-loader';

export interface VersionsDeps extends ComponentDeps {
  catalog: ItemCatalog;
  indexes: IndexKit;
  spaces: TenantSpaces;
}

/** Registering, listing and activating a tenant's model versions. */
export function modelVersions(deps: VersionsDeps) {
  const { pool, config } = deps;
  const quality = qualityGauge(deps);

  return {
    /**
     * A finished job's model: a new version name, its artifacts and index snapshot stored, its row;
     * active when its NDCG@10 is not worse than the active one's (less the tolerance), else candidate.
     */
    async register(input: {
      tenantId: string;
      jobId: string;
      model: TrainedModel;
      metrics: ValidationMetrics;
    }): Promise<ModelVersion> {
      const { tenantId, model } = input;
      const metrics = ValidationMetricsSchema.parse(input.metrics);
      const version = await repo.nextVersion(pool, tenantId);
      const folder = artifactFolder(tenantId, version);
      await deps.spaces.track(tenantId, version, () =>
        buildAndSaveSpace(deps, tenantId, version, folder, model),
      );
      const status = await withTransaction(pool, async (tx) => {
        await repo.lockTenant(tx, tenantId);
        const active = await repo.active(tx, tenantId);
        const wins = !active || metrics.ndcg_at_10 >= active.metrics.ndcg_at_10 - config.ACTIVATION_TOLERANCE;
        if (wins) await repo.demoteActive(tx, tenantId);
        await repo.insert(tx, {
          tenantId,
          version,
          modelType: model.modelType,
          status: wins ? 'active' : 'candidate',
          jobId: input.jobId,
          metrics,
          users: model.userIds.length,
          items: model.itemIds.length,
          dimension: model.dimension,
          artifactKey: folder,
        });
        return wins ? 'active' : 'candidate';
      });
      quality.set(
        { tenant_id: tenantId, model_version: version, metric_name: 'ndcg@10' },
        metrics.ndcg_at_10,
      );
      quality.set(
        { tenant_id: tenantId, model_version: version, metric_name: 'recall@10' },
        metrics.recall_at_10,
      );
      // an active version is served from the space just built; a candidate is loaded when asked for
      if (status === 'active') await deps.spaces.activated(tenantId, version);
      else deps.spaces.forget(tenantId, version);
      deps.logger.info('model version registered', { tenant_id: tenantId, model_version: version, status });
      return toModelVersion((await repo.find(pool, tenantId, version))!);
    },

    async list(tenantId: string) {
      const rows = await repo.list(pool, tenantId);
      return {
        active_version: rows.find((r) => r.status === 'active')?.version ?? null,
        models: rows.map(toModelVersion),
      };
    },

    /** Makes `version` the active one (a rollback too); the one before becomes `candidate`. */
    async activate(tenantId: string, version: string): Promise<ModelVersion> {
      const row = await withTransaction(pool, async (tx) => {
        await repo.lockTenant(tx, tenantId);
        const found = await repo.find(tx, tenantId, version);
        if (!found) throw MlErrors.modelVersionNotFound(version);
        if (found.status !== 'active') {
          await repo.demoteActive(tx, tenantId);
          await repo.markActive(tx, tenantId, version);
        }
        return (await repo.find(tx, tenantId, version))!;
      });
      await deps.spaces.activated(tenantId, version);
      return toModelVersion(row);
    },
  };
}

/** Seed 002 §7 `ml_recommendation_quality` (shared with whoever else sets it on this registry). */
function qualityGauge({ metrics }: ComponentDeps): Gauge<'tenant_id' | 'model_version' | 'metric_name'> {
  const name = 'ml_recommendation_quality';
  const had = metrics.registry.getSingleMetric(name);
  if (had) return had as Gauge<'tenant_id' | 'model_version' | 'metric_name'>;
  return new Gauge({
    name,
    help: 'Validation quality of a model version (NDCG@10, Recall@10 on the held-out slice)',
    labelNames: ['tenant_id', 'model_version', 'metric_name'],
    registers: [metrics.registry],
  });
}
