import { createServiceTokens } from '@platform/auth';
import { type InternalOrderResponse } from '@platform/contracts';
import { type BreakerRegistry, ServiceClient } from '@platform/resilience';
import { type Config } from '../config';

/** payment-service's calls to order-service, behind the `order_service` breaker, with service tokens. */
export function createOrderServiceClient(config: Config, registry: BreakerRegistry): ServiceClient {
  return new ServiceClient({
    name: 'order_service',
    baseUrl: config.ORDER_SERVICE_URL,
    registry,
    timeoutMs: config.HTTP_TIMEOUT_MS,
    breaker: { resetTimeoutMs: config.BREAKER_RESET_MS },
    serviceToken: {
      tokens: createServiceTokens(config.SERVICE_TOKEN_SECRET),
      caller: 'payment-service',
      audience: 'order-service',
    },
  });
}

/**
 * `GET /internal/orders/{order_id}` of order-service: the order's tenant, buyer, status and amount, or
 * undefined when order-service does not know it (404).
 */
export const fetchOrder =
  (client: ServiceClient) =>
  async (orderId: string): Promise<InternalOrderResponse | undefined> => {
    try {
      return await client.get<InternalOrderResponse>(`/internal/orders/${encodeURIComponent(orderId)}`);
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  };
