import { type ErrorEnvelope } from '@platform/contracts';
import { constraintViolation } from '../postgres/pg-errors';
import { AppError, Errors, isAppError } from './app-error';

/** Whatever was thrown, as an AppError: unknown errors become INTERNAL_ERROR (their text is never shown). */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const e = err as { type?: string; status?: number } | undefined;
  // errors of express.json(): a client fault, not a server one
  if (e?.type === 'entity.parse.failed') return Errors.validation('Request body is not valid JSON');
  if (e?.type === 'entity.too.large') {
    return new AppError({ code: 'PAYLOAD_TOO_LARGE', status: 413, message: 'Request body is too large' });
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError({ code: 'VALIDATION_ERROR', status: 415, message: 'Unsupported request encoding' });
  }
  // a PostgreSQL constraint violation that no repository translated is still a 4xx, never a 500
  const violation = constraintViolation(err);
  if (violation) return violation;
  return Errors.internal(undefined, err);
}

export function errorEnvelope(err: AppError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
      request_id: requestId,
      timestamp: new Date().toISOString(),
    },
  };
}
