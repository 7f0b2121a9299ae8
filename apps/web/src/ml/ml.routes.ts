import {
  ModelVersionParamsSchema,
  RetrainPolicySchema,
  TrainingJobParamsSchema,
  TrainingJobsQuerySchema,
  WebTrainingTriggerRequestSchema,
} from '@platform/contracts';
import { dashboardUser } from '@platform/clients';
import { type ServiceClient } from '@platform/resilience';
import { parseInput } from '@platform/service-kit';
import { type RequestHandler, type Response, Router } from 'express';

/**
 * The dashboard's training and model calls. ml-engine serves them on `/internal/ml/*` to services only
 * (never routed to browsers), so the web server makes them for a signed-in admin or developer, with a
 * service token of its own, for that user's tenant only. Bodies and answers are ml-engine's.
 */
export function mlRouter(mlEngine: ServiceClient, authenticate: RequestHandler): Router {
  const router = Router();
  router.use('/web-api/ml', authenticate);
  const tenant = (res: Response) => ({ 'x-tenant-id': dashboardUser(res).tenantId });

  router.post('/web-api/ml/training/trigger', async (req, res) => {
    const headers = tenant(res);
    const body = parseInput(WebTrainingTriggerRequestSchema, req.body);
    const tenant_id = headers['x-tenant-id'];
    res
      .status(202)
      .json(await mlEngine.post('/internal/ml/training/trigger', { tenant_id, ...body }, { headers }));
  });

  router.get('/web-api/ml/training/jobs', async (req, res) => {
    const headers = tenant(res);
    const q = parseInput(TrainingJobsQuerySchema, req.query, 'query');
    const query = new URLSearchParams({ limit: String(q.limit), ...(q.status ? { status: q.status } : {}) });
    res.json(await mlEngine.get(`/internal/ml/training/jobs?${query}`, { headers }));
  });

  router.get('/web-api/ml/training/jobs/:job_id', async (req, res) => {
    const headers = tenant(res);
    const { job_id } = parseInput(TrainingJobParamsSchema, req.params, 'params');
    res.json(await mlEngine.get(`/internal/ml/training/jobs/${job_id}`, { headers }));
  });

  router.get('/web-api/ml/training/policy', async (_req, res) => {
    res.json(await mlEngine.get('/internal/ml/training/policy', { headers: tenant(res) }));
  });

  router.put('/web-api/ml/training/policy', async (req, res) => {
    const headers = tenant(res);
    const body = parseInput(RetrainPolicySchema, req.body);
    res.json(
      await mlEngine.request('PUT', '/internal/ml/training/policy', { body, headers, idempotent: true }),
    );
  });

  router.get('/web-api/ml/models', async (_req, res) => {
    res.json(await mlEngine.get('/internal/ml/models', { headers: tenant(res) }));
  });

  router.post('/web-api/ml/models/:version/activate', async (req, res) => {
    const headers = tenant(res);
    const { version } = parseInput(ModelVersionParamsSchema, req.params, 'params');
    res.json(await mlEngine.post(`/internal/ml/models/${version}/activate`, {}, { headers }));
  });

  return router;
}
