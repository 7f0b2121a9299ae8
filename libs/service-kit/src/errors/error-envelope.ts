import { type ErrorEnvelope } from '@platform/contracts';
import { translatePgError } from '../postgres/pg-errors';
import { isRedisUnavailable } from '../redis-errors';
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
  // any other body the parser could not read (a corrupt gzip stream, a size unlike its Content-Length):
  // body-parser marks them an exposable 400 (http-errors); its own text may name internals, ours does not
  const read = err as { expose?: unknown; status?: unknown } | undefined;
  if (read?.expose === true && read.status === 400) {
    return new AppError({ code: 'VALIDATION_ERROR', status: 400, message: 'Request body could not be read' });
  }
  // a driver error that no repository translated (a query straight on the pool, a Redis command) still
  // answers for what it is: a PostgreSQL constraint violation a 4xx, an unreachable database (stopped,
  // restarting: "Connection terminated unexpectedly", ioredis' "Connection is closed.") a retriable 503
  const pg = translatePgError(err);
  if (isAppError(pg)) return pg;
  if (isRedisUnavailable(err)) return Errors.unavailable('Database unavailable', err);
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
