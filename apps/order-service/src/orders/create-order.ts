import { createHash, randomUUID } from 'node:crypto';
import { type CreateOrderRequest, type OrderResponse } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { v5 as uuidV5 } from 'uuid';
import { AppError, Errors, outgoingTraceparent } from '@platform/service-kit';
import { OrderErrors } from '../errors';
import { type SignedInUser } from '../http/visitor';
import { discountOf } from '../promo-codes/promo-codes';
import { type OrderDeps } from './order-deps';
import { type OrderDoc } from './order-document';
import { eventLines, orderView, toDecimal } from './order-view';
import { buyerOf, priceLines, requestedLines } from './price-lines';
import { releaseHeldStock } from './stock-release';

// RFC 4122 name space of the order ids made from an Idempotency-Key (a fixed random uuid: changing it
// would give a resend across the change another order)
const ORDER_KEY_NAMESPACE = 'c02812a2-b802-4d8d-a4e0-2c7f85d68b9f';

/**
 * An order's id: made from the shop and its Idempotency-Key when the client sent one, so that a resend
 * finds the first order by `_id` (FerretDB finds anything else only by reading every order).
 */
export const orderIdOf = (tenantId: string, idem: string | undefined): string =>
  idem ? uuidV5(`${tenantId}:${idem}`, ORDER_KEY_NAMESPACE) : randomUUID();

/**
 * `POST /api/orders`: check the buyer with user-service, price the lines from the catalog, record the
 * order as `reserving`, reserve each line's stock, take a promo use, then make it `pending` with its
 * `OrderCreated` in the same write. Anything failing after the first reservation gives everything back.
 * `created` is false when an Idempotency-Key named an order made before.
 */
export async function createOrder(
  actor: SignedInUser,
  body: CreateOrderRequest,
  idempotencyKey: string | undefined,
  deps: OrderDeps,
): Promise<{ order: OrderResponse; created: boolean }> {
  const tenantId = actor.tenantId;
  const userId = await buyerOf(actor, body, deps);
  const bodyHash = createHash('sha256').update(JSON.stringify({ userId, body })).digest('hex');
  const idem = idempotencyKey ? `key:${idempotencyKey}` : undefined;
  const id = orderIdOf(tenantId, idem);
  if (idem) {
    const earlier = await replay(await deps.orders.find(tenantId, id), bodyHash, deps);
    if (earlier) return { order: earlier, created: false };
  }
  const requested = await requestedLines(tenantId, userId, body, deps);
  const { lines, currency } = await priceLines(tenantId, requested, deps);
  const subtotal = lines.reduce((sum, l) => sum + l.unit_price * l.quantity, 0);
  const discount = body.promoCode ? await discountOf(tenantId, body.promoCode, subtotal, currency, deps) : 0;
  const now = deps.clock();
  const traceparent = outgoingTraceparent();
  const order: OrderDoc = {
    _id: id,
    tenant_id: tenantId,
    user_id: userId,
    status: 'reserving',
    lines,
    currency,
    subtotal,
    discount,
    total: subtotal - discount,
    ...(body.promoCode ? { promo_code: body.promoCode } : {}),
    idem: idem ?? `order:${id}`,
    body_hash: bodyHash,
    reserved: [],
    released: [],
    stock_released: false,
    ...(traceparent ? { traceparent } : {}),
    created_at: now,
    updated_at: now,
    expires_at: new Date(now.getTime() + deps.expiryMinutes * 60_000),
  };
  // the record of what is about to be reserved comes first: a crash from here on leaks nothing
  if (!(await deps.orders.insert(order))) {
    // the same key at the same moment, or a key an order took before ids were made from keys
    const same =
      (await deps.orders.find(tenantId, id)) ??
      (await deps.orders.findByIdempotencyKey(tenantId, order.idem));
    const earlier = await replay(same, bodyHash, deps);
    if (earlier) return { order: earlier, created: false };
    throw Errors.unavailable('The same order is being created right now; retry');
  }
  try {
    await reserveAll(order, deps);
    if (order.promo_code && !(await deps.promos.claim(tenantId, order.promo_code, id, now)))
      throw OrderErrors.promoCodeInvalid(order.promo_code, 'spent');
  } catch (err) {
    await giveBack(order, deps);
    throw err;
  }
  const created = createEvent('OrderCreated', {
    aggregateId: id,
    tenantId,
    occurredAt: now,
    data: {
      order_id: id,
      user_id: userId,
      total_amount: toDecimal(order.total),
      currency,
      subtotal: toDecimal(subtotal),
      discount: toDecimal(discount),
      items: eventLines(order),
      expires_at: order.expires_at.toISOString(),
      created_at: now.toISOString(),
    },
  });
  const saved = await deps.orders.transition(id, 'reserving', 'pending', { updated_at: now }, [created]);
  // the sweeper gave up on this order meanwhile (and gives its stock back)
  if (!saved) throw Errors.unavailable('The order took too long to create; retry');
  deps.metrics.orderCreated(saved.total, currency);
  await deps.cache.changed({ id, userId });
  if (body.fromCart)
    await deps.carts?.clear?.(tenantId, userId).catch((err: Error) => {
      deps.logger.warn('cart not emptied after its order', { order_id: id, error: err.message });
    });
  return { order: orderView(saved), created: true };
}

/** Each line's stock, in turn; a line that cannot be had stops the order (409 with what is left). */
async function reserveAll(order: OrderDoc, deps: OrderDeps): Promise<void> {
  for (const line of order.lines) {
    const r = await deps.catalog.reserveStock(order.tenant_id, line.product_id, line.quantity, order._id);
    if (!r.ok) throw OrderErrors.notEnoughStock(line.product_id, r.available);
    if (!(await deps.orders.markReserved(order._id, line.product_id))) {
      // abandoned by the sweeper meanwhile, which may have released before this reservation: give it back
      await deps.catalog.releaseStock(order.tenant_id, line.product_id, line.quantity, order._id);
      throw Errors.unavailable('The order took too long to create; retry');
    }
    order.reserved.push(line.product_id);
  }
}

/** A failed creation: `abandoned` (the Idempotency-Key is freed for a retry), and its stock given back. */
async function giveBack(order: OrderDoc, deps: OrderDeps): Promise<void> {
  const abandoned = await deps.orders
    .transition(order._id, 'reserving', 'abandoned', { idem: `abandoned:${order._id}` }, [])
    .catch(() => null);
  // null: the sweeper has it (or the database is down; the sweeper will find it later)
  if (abandoned)
    await releaseHeldStock(abandoned, deps).catch((err: Error) => {
      deps.logger.warn('stock release left to the sweeper', { order_id: order._id, error: err.message });
    });
}

/**
 * The order an Idempotency-Key made before, if the body is the same; 409 if it is another. An order
 * of the key that was abandoned (it never completed) frees the key: it is removed once its stock is back.
 */
async function replay(earlier: OrderDoc | null, bodyHash: string, deps: OrderDeps) {
  if (!earlier) return undefined;
  if (earlier.status === 'abandoned') {
    if (await deps.orders.removeAbandoned(earlier._id)) return undefined;
    throw Errors.unavailable(
      'The earlier order of this Idempotency-Key is still giving its stock back; retry',
    );
  }
  if (earlier.body_hash !== bodyHash) throw Errors.idempotencyConflict();
  if (earlier.status === 'reserving')
    throw new AppError({
      code: 'CONFLICT',
      status: 409,
      message: 'This order is still being created; retry',
    });
  return orderView(earlier);
}
