import { createServiceTokens, requireService } from '@platform/auth';
import {
  MlTenantHeaderSchema,
  RetrainPolicySchema,
  TrainingJobParamsSchema,
  TrainingJobsQuerySchema,
  TrainingTriggerRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { type Request, Router } from 'express';
import { MlErrors } from '../errors';
import { triggerTraining, type TriggerDeps } from './trigger-training';
import { DEFAULT_POLICY } from './retrain.consumer';
import { trainingRepository as repo } from './training.repository';

/** The platform's services that may start training and read jobs (web: the dashboard's server). */
export const TRAINING_CALLERS = [
  'order-service',
  'user-service',
  'data-pipeline',
  'ml-engine',
  'web',
] as const;

const tenantOf = (req: Request) =>
  parseInput(MlTenantHeaderSchema, { 'x-tenant-id': req.get('x-tenant-id') }, 'headers')['x-tenant-id'];

/** Seed 002 §1 training routes and the tenant's retrain policy; service tokens only. */
export function trainingRouter(deps: TriggerDeps, serviceTokenSecret: string): Router {
  const router = Router();
  const service = requireService(createServiceTokens(serviceTokenSecret), {
    audience: 'ml-engine',
    callers: TRAINING_CALLERS,
  });

  // 202: the job is queued; GET …/jobs/{job_id} follows it
  router.post('/internal/ml/training/trigger', service, async (req, res) => {
    const body = parseInput(TrainingTriggerRequestSchema, req.body);
    res.status(202).json(await triggerTraining(deps, body));
  });

  router.get('/internal/ml/training/jobs', service, async (req, res) => {
    const tenantId = tenantOf(req);
    const q = parseInput(TrainingJobsQuerySchema, req.query, 'query');
    res.json({ jobs: await repo.list(deps.pool, tenantId, q.limit, q.status) });
  });

  router.get('/internal/ml/training/jobs/:job_id', service, async (req, res) => {
    const tenantId = tenantOf(req);
    const { job_id } = parseInput(TrainingJobParamsSchema, req.params, 'params');
    const job = await repo.get(deps.pool, tenantId, job_id);
    if (!job) throw MlErrors.jobNotFound();
    res.json(job);
  });

  router.get('/internal/ml/training/policy', service, async (req, res) => {
    const found = await repo.policy(deps.pool, tenantOf(req));
    res.json(found?.policy ?? DEFAULT_POLICY);
  });

  router.put('/internal/ml/training/policy', service, async (req, res) => {
    const tenantId = tenantOf(req);
    const policy = parseInput(RetrainPolicySchema, req.body);
    await repo.savePolicy(deps.pool, tenantId, policy);
    res.json(policy);
  });

  return router;
}
