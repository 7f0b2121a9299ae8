import { isAppError, toAppError } from '@platform/service-kit';

export interface RetryOptions {
  /** Delay before the first retry of a retriable failure. */
  initialMs: number;
  /** Cap of the doubling delay: an outage of hours is retried every `maxMs`, never dead-lettered. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { initialMs: 1000, maxMs: 5 * 60_000 };

// Socket-level failures of the other drivers (mongodb, nodemailer, fetch): the far side is away.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ESOCKET',
  'ECONNECTION',
]);
const CONNECTION_NAMES =
  /^(MongoNetwork|MongoServerSelection|MaxRetriesPerRequest|Redis(Connection)?)\w*Error$/;
// ioredis without its offline queue says "Stream isn't writeable…" while it reconnects (a Redis restart)
const CONNECTION_TEXT =
  /Connection is closed|Connection terminated|connect ECONNREFUSED|socket hang up|Stream isn't writeable/i;

/**
 * Whether trying the same message again later may succeed: a retriable AppError, or a connection
 * failure that was not translated into one. Everything else (bugs included) is a poison message.
 */
export function isRetriable(err: unknown): boolean {
  if (isAppError(err)) return err.retriable;
  // what the error handler answers 503 for: PostgreSQL away or restarting (57P01 …), a transaction that
  // lost a race (40001, 40P01), Redis away or loading
  if (toAppError(err).retriable) return true;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; retriable?: unknown } | undefined;
  if (typeof e?.code === 'string' && (CONNECTION_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  if (typeof e?.name === 'string' && CONNECTION_NAMES.test(e.name)) return true;
  // KafkaJS errors say it themselves
  if (typeof e?.name === 'string' && e.name.startsWith('KafkaJS') && e.retriable === true) return true;
  return typeof e?.message === 'string' && CONNECTION_TEXT.test(e.message);
}

/** The failure as one line for logs and the `dlq.error` header (code and message, never a stack). */
export function describeFailure(err: unknown): string {
  const appError = toAppError(err);
  const cause = isAppError(err)
    ? ''
    : ` (${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? ''})`;
  return `${appError.code}: ${appError.message}${cause}`.slice(0, 1000);
}

/**
 * Capped exponential backoff with "equal jitter": attempt 1 waits about `initialMs`, each next one
 * about twice as long, never more than `maxMs`; the jitter keeps replicas from retrying in step.
 */
export function backoffDelay(
  attempt: number,
  { initialMs, maxMs }: RetryOptions,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
