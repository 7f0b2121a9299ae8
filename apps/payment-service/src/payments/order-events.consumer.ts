import { TOPICS, type DomainEvent } from '@platform/contracts';
import { type Broker, EventConsumer } from '@platform/messaging';
import { isAppError, type Metrics } from '@platform/service-kit';
import { type PaymentDeps } from './payment-deps';
import { refundIdFrom } from './refund-ids';
import { refundPayment } from './refund-payment';

/**
 * `OrderCancelled` / `OrderExpired` on `order.events`: the order is marked closed (a charge completing
 * later is refunded by its own write, SETTLE) and a payment already completed is refunded in full. The
 * refund's id comes from the event's id, so a redelivered event names the same refund, which is applied
 * once (and is the gateway's idempotency key); no inbox record is needed beside it.
 */
export function orderEventsConsumer(broker: Broker, deps: PaymentDeps, metrics?: Metrics): EventConsumer {
  const closeOrder = async (event: DomainEvent<'OrderCancelled'> | DomainEvent<'OrderExpired'>) => {
    const paymentId = await deps.payments.closeOrder(event.data.order_id);
    const p = paymentId ? await deps.payments.get(paymentId) : undefined;
    if (p?.status !== 'completed' || (event.tenant_id && event.tenant_id !== p.tenant_id)) return;
    const refund =
      event.event_type === 'OrderCancelled'
        ? { cause: 'order_cancelled' as const, reason: 'The order was cancelled' }
        : { cause: 'order_expired' as const, reason: 'The order expired' };
    try {
      await refundPayment(p, { id: refundIdFrom(event.event_id), ...refund }, deps);
      deps.logger.info('closed order refunded', {
        order_id: p.order_id,
        payment_id: p.id,
        event_id: event.event_id,
      });
    } catch (err) {
      // nothing left to refund (refunded already by hand): done. A gateway outage is retried.
      if (!isAppError(err) || err.code !== 'PAY_004') throw err;
    }
  };
  return new EventConsumer(broker, {
    groupId: broker.topic(`${deps.config.CONSUMER_GROUP}.orders`),
    topics: [TOPICS.orderEvents],
    metrics,
    handlers: { OrderCancelled: closeOrder, OrderExpired: closeOrder },
  });
}
