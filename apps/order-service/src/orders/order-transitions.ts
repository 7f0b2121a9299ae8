import { sealSecret } from '@platform/auth';
import { type EventEnvelope, type OrderStatus, type PaymentMethodSummary } from '@platform/contracts';
import { createEvent, type MongoWrite } from '@platform/messaging';
import { OrderErrors } from '../errors';
import { type OrderDeps } from './order-deps';
import { type OrderDoc } from './order-document';
import { eventLines, toDecimal } from './order-view';
import { type Changes } from './orders.repository';
import { dropHolds, releaseHeldStock } from './stock-release';

/** The order lifecycle: every other move is ORDER_004. */
export const LEGAL: Partial<Record<OrderStatus, OrderStatus[]>> = {
  pending: ['confirmed', 'failed', 'cancelled', 'expired'],
  confirmed: ['fulfilled', 'cancelled'],
};
const GIVES_STOCK_BACK: OrderStatus[] = ['failed', 'expired', 'cancelled'];

export interface TransitionInfo {
  paymentId?: string;
  /** How the order was paid (PaymentCompleted's brand and last four digits), for the receipt. */
  paymentMethod?: PaymentMethodSummary;
  reason?: string;
  /** The supplier's keys, stored with `fulfilled` (never in an event, never logged). */
  keys?: string[];
}

/**
 * The change of the document and the event a move to `to` writes, in one write. The keys of a
 * fulfilled order travel sealed for notification-worker (`notificationKey`), bound to the event and order.
 */
function changeOf(
  order: OrderDoc,
  to: OrderStatus,
  info: TransitionInfo,
  now: Date,
  notificationKey: Buffer,
) {
  const at = now.toISOString();
  const base = { order_id: order._id, user_id: order.user_id };
  const event = (e: EventEnvelope): { changes: Changes; event: EventEnvelope } => ({
    changes: {
      updated_at: now,
      ...(to === 'confirmed' ? { payment_id: info.paymentId, confirmed_at: now } : {}),
      ...(to === 'cancelled' ? { cancelled_at: now } : {}),
      ...(to === 'fulfilled' && info.keys ? { fulfilment_keys: info.keys } : {}),
      ...(to === 'failed' || to === 'cancelled' ? { failure_reason: info.reason } : {}),
    },
    event: e,
  });
  const meta = { aggregateId: order._id, tenantId: order.tenant_id, occurredAt: now };
  switch (to) {
    case 'confirmed':
      return event(
        createEvent('OrderConfirmed', {
          ...meta,
          data: {
            ...base,
            payment_id: info.paymentId ?? '',
            subtotal: toDecimal(order.subtotal),
            discount: toDecimal(order.discount),
            ...(order.promo_code ? { promo_code: order.promo_code } : {}),
            ...(info.paymentMethod ? { payment_method: info.paymentMethod } : {}),
            total_amount: toDecimal(order.total),
            currency: order.currency,
            items: eventLines(order),
            confirmed_at: at,
          },
        }),
      );
    case 'failed':
      return event(
        createEvent('OrderFailed', {
          ...meta,
          data: {
            ...base,
            ...(info.paymentId ? { payment_id: info.paymentId } : {}),
            reason: info.reason ?? 'failed',
            failed_at: at,
          },
        }),
      );
    case 'cancelled':
      return event(
        createEvent('OrderCancelled', {
          ...meta,
          data: {
            ...base,
            previous_status: order.status === 'confirmed' ? 'confirmed' : 'pending',
            ...(order.status === 'confirmed' && order.payment_id ? { payment_id: order.payment_id } : {}),
            total_amount: toDecimal(order.total),
            currency: order.currency,
            ...(info.reason ? { reason: info.reason } : {}),
            cancelled_at: at,
          },
        }),
      );
    case 'expired':
      return event(createEvent('OrderExpired', { ...meta, data: { ...base, expired_at: at } }));
    case 'fulfilled': {
      const fulfilled = createEvent('OrderFulfilled', { ...meta, data: { ...base, fulfilled_at: at } });
      if (info.keys)
        fulfilled.data.sealed_keys = sealSecret(notificationKey, JSON.stringify({ keys: info.keys }), [
          fulfilled.event_id,
          order._id,
        ]);
      return event(fulfilled);
    }
    default:
      throw OrderErrors.notModifiable(order.status);
  }
}

/**
 * Moves `order` (as read) to `to`: one conditional write `{_id, status: from}` with its event, ORDER_004
 * when illegal or when another writer moved it first. With `write` (an inbox), the event's id is marked
 * in the same write and `false` means "in another state, nothing changed". Then stock is given back
 * (failed, expired, cancelled); a crash before that leaves `stock_released: false` for the sweeper.
 * A confirmed order's units are sold: their holds on the items go.
 */
export async function transitionOrder(
  order: OrderDoc,
  to: OrderStatus,
  info: TransitionInfo,
  deps: OrderDeps,
  write?: MongoWrite,
): Promise<OrderDoc | undefined> {
  const from = order.status as OrderStatus;
  if (!LEGAL[from]?.includes(to)) {
    if (write) return undefined;
    throw OrderErrors.notModifiable(order.status);
  }
  const { changes, event } = changeOf(order, to, info, deps.clock(), deps.notificationKey);
  let after: OrderDoc | null;
  if (write) {
    const applied = await deps.orders.transitionOnce(write, order._id, from, to, changes, [event]);
    after = applied ? { ...order, ...changes, status: to } : null;
    if (!after) return undefined;
  } else {
    after = await deps.orders.transition(order._id, from, to, changes, [event]);
    if (!after) throw OrderErrors.notModifiable((await deps.orders.findAnyTenant(order._id))?.status ?? from);
  }
  await deps.cache.changed({ id: order._id, userId: order.user_id });
  if (to === 'confirmed')
    await dropHolds(after, deps).catch((err: Error) =>
      deps.logger.warn('stock holds left on the items', { order_id: order._id, error: err.message }),
    );
  if (GIVES_STOCK_BACK.includes(to))
    await releaseHeldStock(after, deps).catch((err: Error) =>
      deps.logger.warn('stock release left to the sweeper', { order_id: order._id, error: err.message }),
    );
  return after;
}
