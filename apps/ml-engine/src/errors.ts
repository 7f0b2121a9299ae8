import { AppError, Errors } from '@platform/service-kit';

/** ml-engine's error codes (seed 002 §8), in one place. Components add theirs here. */
export const MlErrors = {
  ...Errors,
  /** Seed 002 §5: 1000 requests a minute per tenant; `Retry-After` says when to come back. */
  tenantRateLimited: (limit: number, retryAfterSeconds: number) =>
    new AppError({
      code: 'RATE_LIMIT_EXCEEDED',
      status: 429,
      message: `More than ${limit} requests a minute for this tenant`,
      details: { limit, window: 'minute', retry_after_seconds: retryAfterSeconds },
    }),
  itemNotFound: (itemId: string) =>
    new AppError({
      code: 'NOT_FOUND',
      status: 404,
      message: `Item ${itemId} not found`,
      details: { item_id: itemId },
    }),
  jobNotFound: () => new AppError({ code: 'NOT_FOUND', status: 404, message: 'Training job not found' }),
  modelVersionNotFound: (version: string) =>
    new AppError({
      code: 'NOT_FOUND',
      status: 404,
      message: `Model version ${version} not found for this tenant`,
      details: { model_version: version },
    }),
  /** One running or queued job per tenant. */
  trainingInProgress: (jobId: string) =>
    new AppError({
      code: 'CONFLICT',
      status: 409,
      message: 'A training job of this tenant is already queued or running',
      details: { job_id: jobId },
    }),
};
