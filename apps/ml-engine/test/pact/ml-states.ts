import { randomUUID } from 'node:crypto';
import { TrainingJobSchema } from '@platform/contracts';
import { type StateHandlers } from '@platform/pact';
import request from 'supertest';
import { type MlEngine } from '../harness';
import { plantedRows, writeTrainingData } from '../training-fixtures';

const OLD_DAYS = ['2019-03-01', '2019-03-02', '2019-03-03'];

/**
 * The states web's pact names, made through ml-engine's real use cases: a shop's training data as
 * data-pipeline writes it (in `dataDir`, ml-engine's TRAINING_DATA_DIR), and a model trained from it by
 * the training trigger and the job runner, which registers its version. Each returns the ids the
 * replayed requests take (tenant, job, version).
 */
export function mlEngineStates(ml: MlEngine, dataDir: string): StateHandlers {
  const shopWithData = async () => {
    const tenantId = randomUUID();
    await writeTrainingData(
      dataDir,
      tenantId,
      plantedRows({ users: 12, items: 6, perUser: 4, days: OLD_DAYS }),
    );
    return tenantId;
  };
  const train = async () => {
    const tenantId = await shopWithData();
    const queued = await request(ml.url)
      .post('/internal/ml/training/trigger')
      .set(ml.serviceAuth('web'))
      .send({
        tenant_id: tenantId,
        training_config: { model_type: 'matrix_factorization', hyperparameters: { epochs: 2 } },
      })
      .expect(202);
    const jobId = (queued.body as { job_id: string }).job_id;
    await ml.jobs.waitFor(jobId);
    const job = TrainingJobSchema.parse(
      (
        await request(ml.url)
          .get(`/internal/ml/training/jobs/${jobId}`)
          .set(ml.serviceAuth('web'))
          .set('x-tenant-id', tenantId)
          .expect(200)
      ).body,
    );
    if (job.status !== 'completed' || !job.model_version) throw new Error(`training ${jobId}: ${job.error}`);
    return { tenantId, jobId, version: job.model_version };
  };
  // one trained shop serves every interaction of this state (training takes a while; nothing undoes it)
  let trained: ReturnType<typeof train> | undefined;

  return {
    'a shop has training data': async () => ({ tenantId: await shopWithData() }),
    'a shop has trained a model': () => (trained ??= train()),
  };
}
