import { type BreakerRegistry, ServiceClient } from '@platform/resilience';
import { type Config } from '../config';

/**
 * The card gateway, behind the `payment_gateway` breaker. Every call sends
 * `Authorization: Bearer <GATEWAY_API_KEY>` (per-call header). (The payments component fills this in.)
 */
export function createGatewayClient(config: Config, registry: BreakerRegistry): ServiceClient {
  return new ServiceClient({
    name: 'payment_gateway',
    baseUrl: config.PAYMENT_GATEWAY_URL,
    registry,
    timeoutMs: config.GATEWAY_TIMEOUT_MS,
    breaker: { resetTimeoutMs: config.BREAKER_RESET_MS },
  });
}
