import { type BreakerRegistry, ServiceClient } from '@platform/resilience';
import { type HealthCheck } from '@platform/service-kit';
import { type Config } from '../config';

/** payment-service's calls to order-service, behind the `order_service` breaker. */
export function createOrderServiceClient(config: Config, registry: BreakerRegistry): ServiceClient {
  return new ServiceClient({
    name: 'order_service',
    baseUrl: config.ORDER_SERVICE_URL,
    registry,
    timeoutMs: config.HTTP_TIMEOUT_MS,
    breaker: { resetTimeoutMs: config.BREAKER_RESET_MS },
  });
}

/**
 * `dependencies` in /health: order-service answers /ready. Not critical: payments can be read without
 * it. A probe: one request with a 1 s timeout, no retries, not through the breaker (a health check
 * must neither wait out retries nor open the breaker that real calls depend on).
 */
export const orderServiceCheck = (client: ServiceClient): HealthCheck => ({
  name: 'dependencies',
  critical: false,
  check: () => client.probe('/ready', { timeoutMs: 1000 }),
});
