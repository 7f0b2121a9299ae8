import { isAppError } from '@platform/service-kit';

/**
 * What the supplier webhook needs of orders (implemented in src/orders/, passed in compose.ts).
 * Each call is idempotent per `eventId` (the same event applied twice moves the order once);
 * `ignored`: the order is in no state to move (already cancelled, say). Keys are stored, never logged.
 */
export interface FulfilmentPort {
  fulfil(orderId: string, keys: string[], eventId: string): Promise<'applied' | 'ignored'>;
  failFulfilment(orderId: string, reason: string, eventId: string): Promise<'applied' | 'ignored'>;
}

/** Orders' fulfilment, which throws 409 when the order cannot move: that is `ignored` here. */
export function fulfilmentPortOf(orders: {
  fulfil(orderId: string, keys: string[], eventId: string): Promise<unknown>;
  failFulfilment(orderId: string, reason: string, eventId: string): Promise<unknown>;
}): FulfilmentPort {
  const outcome = async (move: Promise<unknown>): Promise<'applied' | 'ignored'> => {
    try {
      await move;
      return 'applied';
    } catch (err) {
      if (isAppError(err) && err.status === 409) return 'ignored';
      throw err;
    }
  };
  return {
    fulfil: (orderId, keys, eventId) => outcome(orders.fulfil(orderId, keys, eventId)),
    failFulfilment: (orderId, reason, eventId) => outcome(orders.failFulfilment(orderId, reason, eventId)),
  };
}
