import { COMMON_ERRORS, type CommonErrorCode } from '@platform/contracts';

export interface AppErrorOptions {
  /** Stable code clients branch on: a seed 002 §8 code or a service code such as `USER_001`. */
  code: string;
  message: string;
  status: number;
  /** Whether trying the same thing again may succeed (outage, timeout); read by retries and breakers. */
  retriable?: boolean;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type of the platform. Everything else that reaches a handler becomes INTERNAL_ERROR. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retriable: boolean;
  readonly details?: Record<string, unknown>;

  constructor({ code, message, status, retriable = false, details, cause }: AppErrorOptions) {
    super(message, { cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.retriable = retriable;
    this.details = details;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

const common = (code: CommonErrorCode, message: string, extra: Partial<AppErrorOptions> = {}) =>
  new AppError({ code, message, status: COMMON_ERRORS[code], ...extra });

/** Builders for the codes of seed 002 §8; services add their own codes in their `errors.ts`. */
export const Errors = {
  validation: (message: string, details?: Record<string, unknown>) =>
    common('VALIDATION_ERROR', message, { details }),
  unauthenticated: (message = 'Invalid or missing credentials') => common('AUTHENTICATION_FAILED', message),
  forbidden: (message = 'Insufficient permissions') => common('FORBIDDEN', message),
  notFound: (message = 'Resource not found') => common('NOT_FOUND', message),
  rateLimited: (message = 'Too many requests', details?: Record<string, unknown>) =>
    common('RATE_LIMIT_EXCEEDED', message, { details, retriable: true }),
  unavailable: (message = 'Service temporarily unavailable', cause?: unknown) =>
    common('SERVICE_UNAVAILABLE', message, { retriable: true, cause }),
  /** An `Idempotency-Key` sent again with another request body. */
  idempotencyConflict: () =>
    new AppError({
      code: 'IDEMPOTENCY_CONFLICT',
      status: 409,
      message: 'This Idempotency-Key was used with another request body',
    }),
  internal: (message = 'Internal server error', cause?: unknown) =>
    common('INTERNAL_ERROR', message, { cause }),
};
