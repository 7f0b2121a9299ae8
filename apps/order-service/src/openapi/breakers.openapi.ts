import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';
import { z } from 'zod';

/** Seed 001: each downstream service's breaker. */
const BreakerStatusSchema = z.record(
  z.string(),
  z.object({
    state: z.enum(['closed', 'open', 'half_open']),
    failure_count: z.number().int(),
    last_failure: z.iso.datetime().nullable(),
  }),
);

/** `GET /api/circuit-breaker/status`, served by the BreakerRegistry's router (app.ts). */
export const registerBreakerPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'get',
    path: '/api/circuit-breaker/status',
    summary: 'Circuit breakers of the calls to other services (seed 001)',
    access: 'public',
    responses: { 200: { description: 'Each breaker by target service', schema: BreakerStatusSchema } },
    errors: { 503: false },
  });
};
