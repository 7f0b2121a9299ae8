import {
  MlTenantHeaderSchema,
  RetrainPolicySchema,
  TrainingJobParamsSchema,
  TrainingJobSchema,
  TrainingJobsQuerySchema,
  TrainingJobsResponseSchema,
  TrainingTriggerRequestSchema,
  TrainingTriggerResponseSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

const caller = 'service token for audience ml-engine (order-service, user-service, data-pipeline, ml-engine)';
const withTenant = `${caller} with the tenant in X-Tenant-Id (uuid)`;
const badTenant = 'VALIDATION_ERROR: X-Tenant-Id missing or not a uuid';
const notAllowed = 'FORBIDDEN: a service not allowed to call this route';

/** The paths of training.routes.ts (seed 002 §1: training jobs; the retrain policy). */
export const registerTrainingPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/internal/ml/training/trigger',
    summary: `Queues a training job of the tenant on its training data (catalog.json of data-pipeline) in data_range, or all of it; it runs in a worker thread, holds out a validation slice per user, and registers a model version when done (${caller})`,
    access: 'service',
    body: TrainingTriggerRequestSchema,
    responses: {
      202: {
        description: 'Queued; follow it at /internal/ml/training/jobs/{job_id}',
        schema: TrainingTriggerResponseSchema,
      },
    },
    errors: {
      403: notAllowed,
      409: 'CONFLICT: the tenant already has a job queued or running (details.job_id names it)',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/internal/ml/training/jobs',
    headers: MlTenantHeaderSchema,
    summary: `The tenant's training jobs, newest first (${withTenant})`,
    access: 'service',
    query: TrainingJobsQuerySchema,
    responses: { 200: { description: 'The jobs', schema: TrainingJobsResponseSchema } },
    errors: { 400: `${badTenant}, or an invalid status or limit`, 403: notAllowed },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/internal/ml/training/jobs/{job_id}',
    headers: MlTenantHeaderSchema,
    summary: `A training job: status, progress, each epoch's loss, validation metrics against popularity, the version it registered, or why it failed (${withTenant})`,
    access: 'service',
    params: TrainingJobParamsSchema,
    responses: { 200: { description: 'The job', schema: TrainingJobSchema } },
    errors: {
      400: `${badTenant}, or a job_id that is not a uuid`,
      403: notAllowed,
      404: "NOT_FOUND: no such job of this tenant (another tenant's jobs are not seen)",
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/internal/ml/training/policy',
    headers: MlTenantHeaderSchema,
    summary: `Whether new training data (TrainingDataUpdated) retrains the tenant's model; off by default (${withTenant})`,
    access: 'service',
    responses: { 200: { description: 'The policy', schema: RetrainPolicySchema } },
    errors: { 400: badTenant, 403: notAllowed },
  });
  registerOperation(registry, {
    method: 'put',
    path: '/internal/ml/training/policy',
    headers: MlTenantHeaderSchema,
    summary: `Sets the tenant's retrain policy: a job of model_type once min_new_rows new interaction rows arrived since the policy last queued one (${withTenant})`,
    access: 'service',
    body: RetrainPolicySchema,
    responses: { 200: { description: 'The policy, saved', schema: RetrainPolicySchema } },
    errors: { 400: `${badTenant}, or an invalid policy`, 403: notAllowed },
  });
};
