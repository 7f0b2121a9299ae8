import { type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { ErrorEnvelopeSchema, UsageQuerySchema, UsageResponseSchema } from '@platform/contracts';
import { type OpenApiRegistrar } from '@platform/service-kit';

type Headers = Extract<ResponseConfig['headers'], { [name: string]: unknown }>;

/**
 * The rate-limit headers every `/api/v1/*` answer for a tenant carries (documented here, on the usage
 * route; the other public routes answer them the same way).
 */
const rateLimitHeaders: Headers = {
  'X-RateLimit-Limit': {
    description: 'Requests a tenant may make per minute (RATE_LIMIT_PER_MINUTE, 1000 by default)',
    schema: { type: 'integer' as const },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current one-minute window',
    schema: { type: 'integer' as const },
  },
  'X-RateLimit-Reset': {
    description: 'When the current window ends, in Unix epoch seconds (as GitHub)',
    schema: { type: 'integer' as const },
  },
};
const error = (description: string, headers?: Headers): ResponseConfig => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ErrorEnvelopeSchema } },
});

/** The paths of usage.routes.ts (seed 002 §5), with the public routes' rate limit and quota. */
export const registerUsagePaths: OpenApiRegistrar = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/usage',
    summary:
      "The caller's tenant's usage over a range of UTC days (both included, at most 366): API calls of data-pipeline and ml-engine, recommendations served, items indexed, average latency; and the quota of the month of end_date. Counts trail the calls by a few seconds (metered, then summed from usage.events). Needs the read permission: an API key with read, or an admin or developer of the shop (not a viewer).",
    security: [{ bearer: [] }],
    request: { query: UsageQuerySchema },
    responses: {
      200: {
        description: 'The usage and the quota',
        headers: rateLimitHeaders,
        content: { 'application/json': { schema: UsageResponseSchema } },
      },
      400: error(
        'VALIDATION_ERROR: a date is missing or invalid, end_date is before start_date, or the range spans more than 366 days',
      ),
      401: error('AUTHENTICATION_FAILED: missing, expired, revoked or invalid credential'),
      403: error('FORBIDDEN: an API key without the read permission, a viewer, or a service token'),
      429: error(
        'RATE_LIMIT_EXCEEDED: more than X-RateLimit-Limit requests this minute (details.limit, details.retry_after_seconds), or the monthly API-call quota is spent (details.reason "monthly_quota", plan, api_calls_limit, api_calls_used, resets_at). Retry-After says in how many seconds to try again.',
        {
          ...rateLimitHeaders,
          'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
        },
      ),
      503: error('SERVICE_UNAVAILABLE: user-service cannot check the API key, or the database is down'),
    },
  });
};
