import { createServiceTokens } from '@platform/auth';
import { serviceTokenFilter, type StateHandlers } from '@platform/pact';
import { type OrderService } from '../harness';
import { type OrderLifecycle, type PlacedOrder } from './order-lifecycle';

/**
 * The provider states the consumers of order-service name, each made true through the order lifecycle's
 * real entry points. `last` is the order the latest state produced: the message providers read its outbox.
 */
export function orderStates(lifecycle: OrderLifecycle) {
  let last: PlacedOrder | undefined;
  const made = (o: PlacedOrder) => {
    last = o;
    return { orderId: o.orderId };
  };
  const stateHandlers: StateHandlers = {
    // GET /internal/orders/{id}: the id the state made goes into the replayed path (fromProviderState)
    'an order awaiting payment exists': async () => made(await lifecycle.place()),
    // a random id of the pact's example: no order has it
    'no order with this id exists': async () => ({}),
    'an order is paid': async () => {
      const o = await lifecycle.place();
      await lifecycle.pay(o);
      return made(o);
    },
    'a paid order is cancelled': async () => {
      const o = await lifecycle.place();
      await lifecycle.pay(o);
      await lifecycle.cancel(o);
      return made(o);
    },
    'an unpaid order is cancelled': async () => {
      const o = await lifecycle.place();
      await lifecycle.cancel(o);
      return made(o);
    },
    'an unpaid order expires': async () => {
      const o = await lifecycle.place();
      await lifecycle.expire();
      return made(o);
    },
    'a paid order is fulfilled with its keys': async () => {
      const o = await lifecycle.place();
      await lifecycle.pay(o);
      await lifecycle.fulfil(o);
      return made(o);
    },
  };
  const lastOrder = (): PlacedOrder => {
    if (!last) throw new Error('no provider state has made an order yet');
    return last;
  };
  return { stateHandlers, lastOrder };
}

/** Replayed requests carry a real service token, minted with order-service's own secret. */
export const orderServiceTokenFilter = (svc: OrderService) => {
  const tokens = createServiceTokens(svc.config.SERVICE_TOKEN_SECRET);
  return serviceTokenFilter((caller, audience) => tokens.token(caller, audience));
};
