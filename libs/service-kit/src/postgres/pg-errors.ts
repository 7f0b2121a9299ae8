import { AppError, Errors, isAppError } from '../errors/app-error';

// Connection failures and server shutdowns: the database is unavailable, not the request wrong.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

// A transaction that lost a race with another (serialization failure, deadlock victim): PostgreSQL
// rolled it back, and the same transaction run again normally succeeds. Never the request's fault.
const TRANSIENT_CODES = new Set(['40001', '40P01']);

/**
 * A violated constraint is the request's fault or a race with another request (a row it refers to was
 * deleted meanwhile), never the server's: 409 for unique and foreign keys, 400 for checks, NOT NULL and
 * values the database cannot store.
 * Only the constraint's name is told, never the driver's message (it may quote the values).
 */
export function constraintViolation(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string; severity?: string } | undefined;
  // `severity` tells a PostgreSQL server error from anything else that happens to carry a `code`
  if (!e?.severity || typeof e.code !== 'string') return undefined;
  const details = e.constraint ? { constraint: e.constraint } : undefined;
  switch (e.code) {
    case '23505':
      return new AppError({ code: 'CONFLICT', status: 409, message: 'The resource already exists', details });
    case '23503':
      return new AppError({
        code: 'CONFLICT',
        status: 409,
        message: 'A resource this request refers to does not exist, or another still refers to it',
        details,
      });
    case '23514':
    case '23502':
      return Errors.validation('The request violates a constraint of the data', details);
    default:
      return DATA_EXCEPTIONS.has(e.code)
        ? Errors.validation('The request holds a value the database cannot store', { reason: e.code })
        : undefined;
  }
}

// Data exceptions that only a value from the request can cause: a NUL character (PostgreSQL text cannot
// hold one; fuzzing sent it), a character or text the column type cannot take, a number out of range.
const DATA_EXCEPTIONS = new Set(['22021', '22P05', '22P02', '22001', '22003']);

// node-postgres' own errors carry no code: "Connection terminated unexpectedly" (the server went away
// mid-query), pg-pool's "Connection terminated due to connection timeout" (connectionTimeoutMillis; a
// lone Client says "timeout expired") and "timeout exceeded when trying to connect" (every client busy
// or the server not answering), and a client used after its connection failed
const UNAVAILABLE_TEXT =
  /^(Connection terminated|timeout exceeded when trying to connect|timeout expired$|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/** Whether a node-postgres error says the database cannot be reached now (not that the query is wrong). */
export function isPgUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return typeof e?.message === 'string' && UNAVAILABLE_TEXT.test(e.message);
}

/** A driver error as the AppError the rest of the service understands; AppErrors pass through. */
export function translatePgError(err: unknown): AppError | unknown {
  if (isAppError(err)) return err;
  const violation = constraintViolation(err);
  if (violation) return violation;
  if (isPgUnavailable(err)) return Errors.unavailable('Database unavailable', err);
  const e = err as { code?: string } | undefined;
  // retriable: a consumer retries the event instead of dead-lettering it, a client gets 503 to retry
  if (e?.code && TRANSIENT_CODES.has(e.code))
    return Errors.unavailable('The transaction conflicted with a concurrent one; try again', err);
  return err;
}

/** The name of the unique constraint a statement violated, if that is what failed. */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' ? e.constraint : undefined;
}
