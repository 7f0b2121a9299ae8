import { TOPICS, type DomainEvent } from '@platform/contracts';
import { type Broker, EventConsumer, MongoInbox, type MongoWrite } from '@platform/messaging';
import { type Metrics } from '@platform/service-kit';
import { type OrderDeps } from './order-deps';
import { transitionOrder } from './order-transitions';

export const PAYMENT_EVENTS_GROUP = 'order-service.orders';

/**
 * payment-service's verdicts move pending orders: `PaymentCompleted` → confirmed, `PaymentFailed` →
 * failed (stock given back). Exactly once per event (MongoInbox marks the event in the order's own
 * write); an event for an order in another state changes nothing and is logged.
 */
export function paymentEventsConsumer(broker: Broker, deps: OrderDeps, metrics?: Metrics): EventConsumer {
  const inbox = new MongoInbox();
  const apply = async (
    event: DomainEvent<'PaymentCompleted'> | DomainEvent<'PaymentFailed'>,
    write: MongoWrite,
  ) => {
    const failed = event.event_type === 'PaymentFailed';
    const order = await deps.orders.findAnyTenant(event.data.order_id);
    if (!order || (event.tenant_id && order.tenant_id !== event.tenant_id)) {
      deps.logger.warn('payment event for an unknown order', {
        event_id: event.event_id,
        order_id: event.data.order_id,
      });
      return;
    }
    const info = failed
      ? { paymentId: event.data.payment_id, reason: (event.data as { reason: string }).reason }
      : { paymentId: event.data.payment_id, paymentMethod: event.data.payment_method };
    const done = await transitionOrder(order, failed ? 'failed' : 'confirmed', info, deps, write);
    if (!done)
      deps.logger.info('payment event left the order as it was', {
        event_id: event.event_id,
        event_type: event.event_type,
        order_id: order._id,
        status: order.status,
      });
  };
  return new EventConsumer(broker, {
    // with the topic prefix (none in production): test instances on their own prefix share no group
    groupId: broker.topic(PAYMENT_EVENTS_GROUP),
    topics: [TOPICS.paymentEvents],
    metrics,
    handlers: {
      PaymentCompleted: inbox.handle((e, write) => apply(e, write)),
      PaymentFailed: inbox.handle((e, write) => apply(e, write)),
    },
  });
}
