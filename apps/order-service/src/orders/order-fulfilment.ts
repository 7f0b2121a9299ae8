import { MongoInbox } from '@platform/messaging';
import { OrderErrors } from '../errors';
import { type OrderDeps } from './order-deps';
import { transitionOrder } from './order-transitions';

/**
 * The supplier webhook's port (src/webhooks/fulfilment-port.ts): a confirmed order is fulfilled with
 * its keys, or cancelled when the supplier cannot deliver. Once per supplier event (MongoInbox on the
 * order: the event id is marked in the transition's own write). Keys are stored on the order only.
 */
export function orderFulfilment(deps: OrderDeps) {
  const inbox = new MongoInbox();
  const ctx = { group: 'order-service.fulfilment', topic: 'supplier-webhook', partition: 0, offset: '0' };
  const move = async (orderId: string, eventId: string, to: 'fulfilled' | 'cancelled', info: object) => {
    const order = await deps.orders.findAnyTenant(orderId);
    if (!order) throw OrderErrors.orderNotFound();
    let moved = false;
    const result = await inbox.handle<{ event_id: string }>(async (_e, write) => {
      moved = (await transitionOrder(order, to, info, deps, write)) !== undefined;
    })({ event_id: eventId }, ctx);
    // already there (the same webhook delivered again after its mark): nothing to do
    if (result !== 'duplicate' && !moved && order.status !== to)
      throw OrderErrors.notModifiable(order.status);
  };
  return {
    fulfil: (orderId: string, keys: string[], eventId: string) =>
      move(orderId, eventId, 'fulfilled', { keys }),
    failFulfilment: (orderId: string, reason: string, eventId: string) =>
      move(orderId, eventId, 'cancelled', { reason: `fulfilment failed: ${reason}` }),
  };
}
