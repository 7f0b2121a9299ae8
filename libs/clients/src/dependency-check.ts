import { type ServiceClient } from '@platform/resilience';
import { type HealthCheck } from '@platform/service-kit';

/**
 * `dependencies` in /health: the other service answers /ready. Not critical: a service degrades without
 * it. A probe: one request with a 1 s timeout, no retries, not through the breaker (a health check must
 * neither wait out retries nor open the breaker that real calls depend on).
 */
export const dependencyCheck = (client: ServiceClient): HealthCheck => ({
  name: 'dependencies',
  critical: false,
  check: () => client.probe('/ready', { timeoutMs: 1000 }),
});
