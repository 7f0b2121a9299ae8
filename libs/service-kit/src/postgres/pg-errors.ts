import { Errors, isAppError, type AppError } from '../errors/app-error';

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

/** A driver error as the AppError the rest of the service understands; AppErrors pass through. */
export function translatePgError(err: unknown): AppError | unknown {
  if (isAppError(err)) return err;
  const e = err as { code?: string; message?: string } | undefined;
  const unavailable =
    (e?.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(e?.message ?? '');
  return unavailable ? Errors.unavailable('Database unavailable', err) : err;
}

/** The name of the unique constraint a statement violated, if that is what failed. */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' ? e.constraint : undefined;
}
