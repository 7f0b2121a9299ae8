import { type EventConsumer } from '@platform/messaging';
import { type Component, type ComponentDeps } from '../component';
import { type ItemCatalog } from '../model-space';
import { type ModelRegistry } from '../models/models.component';
import { type TenantSettings } from '../tenants/tenant-settings';
import { JobRunner } from './job-runner';
import { retrainConsumer } from './retrain.consumer';
import { trainingMetrics } from './training-metrics';
import { trainingRepository as repo } from './training.repository';
import { trainingRouter } from './training.routes';

/** Durable training jobs run in worker threads; each finished job registers a model version. */
export interface TrainingJobs {
  /** Resolves when the job is completed or failed (tests and benches). */
  waitFor(jobId: string): Promise<void>;
}

const WAIT_POLL_MS = 100;

export function trainingComponent(
  deps: ComponentDeps,
  opts: { catalog: ItemCatalog; registry: ModelRegistry; settings: TenantSettings },
): Component & { jobs: TrainingJobs; consumer: EventConsumer } {
  const { pool, trainingData, config, logger } = deps;
  const runner = new JobRunner({
    ...{ config, pool, trainingData, logger, metrics: trainingMetrics(deps.metrics) },
    ...{ catalog: opts.catalog, registry: opts.registry },
  });
  const consumer = retrainConsumer(deps);
  const jobs: TrainingJobs = {
    // reads the row, so a job run by another instance is seen finishing too
    async waitFor(jobId) {
      for (;;) {
        const status = await repo.statusOf(pool, jobId);
        if (status === undefined) throw new Error(`training job ${jobId} does not exist`);
        if (status === 'completed' || status === 'failed') return;
        await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      }
    },
  };
  return {
    routers: [trainingRouter({ pool, trainingData, kick: () => runner.kick() }, config.SERVICE_TOKEN_SECRET)],
    background: [runner, { start: () => consumer.start(), stop: () => consumer.stop() }],
    checks: [{ ...consumer.healthCheck('training_consumer'), critical: false }],
    jobs,
    consumer,
  };
}
