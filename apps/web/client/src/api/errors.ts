import type { ErrorEnvelope } from '@platform/contracts';

/** A failed API call: the service's error envelope, or what went wrong on the way (network, no JSON). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromEnvelope(status: number, body: unknown): ApiError {
    const env = (body as Partial<ErrorEnvelope> | undefined)?.error;
    if (env && typeof env.code === 'string')
      return new ApiError(status, env.code, env.message ?? '', env.details, env.request_id);
    return new ApiError(
      status,
      status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR',
      `The server answered ${status}`,
    );
  }
}

/** What each code means to a person, when the service's own message is not the best words for it. */
const PLAIN: Record<string, string> = {
  AUTHENTICATION_FAILED: 'Please sign in again.',
  FORBIDDEN: 'Your role does not allow this.',
  NOT_FOUND: 'That could not be found.',
  RATE_LIMIT_EXCEEDED: 'Too many requests: wait a moment and try again.',
  SERVICE_UNAVAILABLE: 'A part of the shop is not answering right now; try again shortly.',
  INTERNAL_ERROR: 'Something went wrong on our side; try again.',
  NETWORK_ERROR: 'The shop cannot be reached. Check your connection and try again.',
};

/** A sentence for a person, never a JSON dump: the service's message, the fields that were wrong, or the code's plain meaning. */
export function humanMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = fieldProblems(err.details);
    if (err.code === 'VALIDATION_ERROR' && fields.length) return `Please check: ${fields.join('; ')}.`;
    if (err.code in PLAIN && (err.status >= 500 || err.status === 401 || err.status === 429 || !err.message))
      return PLAIN[err.code];
    return err.message || PLAIN[err.code] || `The request failed (${err.code}).`;
  }
  if (err instanceof Error && err.message) return err.message;
  return PLAIN.INTERNAL_ERROR;
}

/** `details.fields` of a validation error (`[{ field, reason }]`, every service's parseInput) as "field: reason". */
function fieldProblems(details: Record<string, unknown> | undefined): string[] {
  const fields = details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields
    .slice(0, 5)
    .map(
      (f: { field?: unknown; reason?: unknown }) =>
        `${String(f.field ?? 'input')}: ${String(f.reason ?? 'invalid')}`,
    );
}
