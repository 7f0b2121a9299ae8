import { randomUUID } from 'node:crypto';
import { type TrainingTriggerRequest } from '@platform/contracts';
import { type ObjectStore } from '@platform/storage';
import { type Pool } from 'pg';
import { MlErrors } from '../errors';
import { defaultsFor } from './algorithms';
import { estimateMinutes, readCatalog, sliceOf } from './training-data';
import { trainingRepository as repo } from './training.repository';

export interface TriggerDeps {
  pool: Pool;
  trainingData: ObjectStore;
  /** Wakes the runner (it also polls, for other instances' jobs). */
  kick: () => void;
}

/**
 * Queues a training job: one queued-or-running job per tenant (the partial unique index decides when
 * two triggers race; the loser gets 409 naming the job that won). The estimate comes from the rows the
 * catalog lists in range and the model type's cost per row and epoch.
 */
export async function triggerTraining(deps: TriggerDeps, body: TrainingTriggerRequest) {
  const { tenant_id: tenantId, training_config: cfg } = body;
  const job = await repo.insert(deps.pool, {
    jobId: randomUUID(),
    tenantId,
    modelType: cfg.model_type,
    hyperparameters: cfg.hyperparameters,
    dataRange: cfg.data_range,
  });
  if (!job) {
    const running = await repo.activeJobOf(deps.pool, tenantId);
    throw MlErrors.trainingInProgress(running ?? 'unknown');
  }
  deps.kick();
  const rows = sliceOf(await readCatalog(deps.trainingData, tenantId), tenantId, cfg.data_range).rows;
  const epochs = cfg.hyperparameters.epochs ?? defaultsFor(cfg.model_type).epochs;
  return {
    job_id: job.job_id,
    status: 'queued' as const,
    estimated_duration_minutes: estimateMinutes(cfg.model_type, rows, epochs),
  };
}
