import { AppError, Errors } from '@platform/service-kit';

/** data-pipeline's error codes (seed 002 §8), in one place. Components add theirs here. */
export const DataErrors = {
  ...Errors,
  /** Seed 002 §5: 1000 requests a minute per tenant; `Retry-After` says when to come back. */
  tenantRateLimited: (limit: number, retryAfterSeconds: number) =>
    new AppError({
      code: 'RATE_LIMIT_EXCEEDED',
      status: 429,
      message: `More than ${limit} requests a minute for this tenant`,
      details: { limit, window: 'minute', retry_after_seconds: retryAfterSeconds },
    }),
  /** The tenant's monthly quota of API calls is spent. */
  quotaExceeded: (quota: {
    plan: string;
    api_calls_limit: number;
    api_calls_used: number;
    resets_at: string;
  }) =>
    new AppError({
      code: 'RATE_LIMIT_EXCEEDED',
      status: 429,
      message: 'The monthly API-call quota of this tenant is spent',
      details: {
        reason: 'monthly_quota',
        ...quota,
        // the error handler turns it into Retry-After: the quota starts afresh with the next month
        retry_after_seconds: Math.max(1, Math.ceil((Date.parse(quota.resets_at) - Date.now()) / 1000)),
      },
    }),
  producerNotFound: () => new AppError({ code: 'NOT_FOUND', status: 404, message: 'Producer not found' }),
  consumerNotFound: () => new AppError({ code: 'NOT_FOUND', status: 404, message: 'Consumer not found' }),
  /** EventFlow: a payload over its limit (the body may be larger: it also carries the type and version). */
  eventPayloadTooLarge: (limitBytes: number, bytes: number) =>
    new AppError({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      message: `The payload is ${bytes} bytes serialized; at most ${limitBytes} are accepted`,
      details: { field: 'payload', limit_bytes: limitBytes, bytes },
    }),
  /** EventFlow: a cursor this service did not make, or made for another consumer or query. */
  invalidCursor: (reason: string) =>
    new AppError({ code: 'VALIDATION_ERROR', status: 400, message: reason, details: { field: 'cursor' } }),
  /** EventFlow: a commit past what was handed out would skip events the consumer never saw. */
  cursorNotDelivered: () =>
    new AppError({
      code: 'CURSOR_NOT_DELIVERED',
      status: 409,
      message: 'This cursor is beyond the events handed out to this consumer',
      details: { field: 'cursor' },
    }),
};
