import { BreakerStatusSchema } from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

/** `GET /api/circuit-breaker/status` (seed 001), served by the BreakerRegistry's router. */
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
