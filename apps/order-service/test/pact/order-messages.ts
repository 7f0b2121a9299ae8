import { TOPICS } from '@platform/contracts';
import { providerWithMetadata, type MessageProviders } from '@platform/pact';
import { type OrderLifecycle, type PlacedOrder } from './order-lifecycle';

/**
 * order.events as the consumers' pacts describe them, each the event the provider state's use case
 * wrote into the order's outbox (never built here): what the relay would publish.
 */
export function orderEventMessages(
  lifecycle: OrderLifecycle,
  lastOrder: () => PlacedOrder,
): MessageProviders {
  const pending = (type: string) =>
    providerWithMetadata(() => lifecycle.pendingEvent(lastOrder().orderId, type), {
      topic: TOPICS.orderEvents,
    });
  return {
    'an OrderConfirmed event': pending('OrderConfirmed'),
    'an OrderCancelled event for a paid order': pending('OrderCancelled'),
    'an OrderCancelled event for an unpaid order': pending('OrderCancelled'),
    'an OrderExpired event': pending('OrderExpired'),
    'an OrderFulfilled event': pending('OrderFulfilled'),
  };
}
