import { randomUUID } from 'node:crypto';
import { notificationSecretKey, sealSecret } from '@platform/auth';
import { type EventData, type RefundCause } from '@platform/contracts';
import { createEvent } from '@platform/messaging';

// The saga's events as their producers publish them, for one buyer and one order.
export function sagaOf(userId: string, orderId = randomUUID()) {
  const now = () => new Date().toISOString();
  const visa = { type: 'credit_card' as const, brand: 'visa', last4: '4242' };
  const paymentId = `pay_${orderId.slice(0, 8)}`;
  return {
    orderId,
    confirmed: (over: Partial<EventData<'OrderConfirmed'>> = {}) =>
      createEvent('OrderConfirmed', {
        aggregateId: orderId,
        data: {
          order_id: orderId,
          user_id: userId,
          payment_id: paymentId,
          subtotal: 44.98,
          discount: 4.5,
          promo_code: 'SPRING10',
          payment_method: visa,
          total_amount: 40.48,
          currency: 'USD',
          items: [
            { product_id: 'p-1', name: 'Elden Ring', quantity: 2, price: 19.99 },
            { product_id: 'p-2', name: 'Hades <II> & co', quantity: 1, price: 5 },
          ],
          confirmed_at: now(),
          ...over,
        },
      }),
    paymentFailed: () =>
      createEvent('PaymentFailed', {
        aggregateId: paymentId,
        data: {
          payment_id: paymentId,
          order_id: orderId,
          user_id: userId,
          amount: 40.48,
          currency: 'USD',
          reason: 'Your card has insufficient funds. Try another card or top up your wallet.',
          error_code: 'INSUFFICIENT_FUNDS',
          payment_method: visa,
          failed_at: now(),
        },
      }),
    cancelled: (previous: 'pending' | 'confirmed') =>
      createEvent('OrderCancelled', {
        aggregateId: orderId,
        data: {
          order_id: orderId,
          user_id: userId,
          previous_status: previous,
          ...(previous === 'confirmed' ? { payment_id: paymentId } : {}),
          total_amount: 40.48,
          currency: 'USD',
          cancelled_at: now(),
        },
      }),
    refunded: (cause: RefundCause = 'order_cancelled', amount = 40.48) =>
      createEvent('PaymentRefunded', {
        aggregateId: paymentId,
        data: {
          payment_id: paymentId,
          refund_id: `ref_${randomUUID()}`,
          order_id: orderId,
          user_id: userId,
          amount,
          refunded_total: amount,
          currency: 'USD',
          payment_method: visa,
          cause,
          refunded_at: now(),
        },
      }),
    /** Keys sealed as order-service seals them, with the key the worker reads (the same environment). */
    fulfilled: (keys: string[]) => {
      const event = createEvent('OrderFulfilled', {
        aggregateId: orderId,
        data: { order_id: orderId, user_id: userId, fulfilled_at: now() },
      });
      const key = notificationSecretKey(process.env.NOTIFICATION_SECRET_KEY);
      event.data.sealed_keys = sealSecret(key, JSON.stringify({ keys }), [event.event_id, orderId]);
      return event;
    },
    expired: (occurredAt?: Date) =>
      createEvent('OrderExpired', {
        aggregateId: orderId,
        occurredAt,
        data: { order_id: orderId, user_id: userId, expired_at: now() },
      }),
  };
}
