import { type Principal } from '@platform/auth';
import {
  type InternalOrderResponse,
  type OrderListResponse,
  type OrderResponse,
  type OrderStatus,
  type UpdateOrderStatusRequest,
} from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { OrderErrors } from '../errors';
import { type SignedInUser } from '../http/visitor';
import { type OrderDeps } from './order-deps';
import { type OrderDoc } from './order-document';
import { orderView, toDecimal } from './order-view';
import { transitionOrder } from './order-transitions';

const HIDDEN = ['reserving', 'abandoned'];
const mayAct = (actor: SignedInUser, userId: string) => actor.role === 'admin' || actor.userId === userId;

/** The order of the caller's shop that the caller may see (owner or admin); ORDER_003 otherwise. */
async function visibleOrder(actor: SignedInUser, id: string, deps: OrderDeps): Promise<OrderDoc> {
  const order = await deps.orders.find(actor.tenantId, id);
  if (!order || HIDDEN.includes(order.status) || !mayAct(actor, order.user_id))
    throw OrderErrors.orderNotFound();
  return order;
}

/** `GET /api/orders/{order_id}` through `order:{id}`. */
export async function getOrder(actor: SignedInUser, id: string, deps: OrderDeps): Promise<OrderResponse> {
  const cached = await deps.cache.order(id, async () => {
    const o = await deps.orders.find(actor.tenantId, id);
    return o && !HIDDEN.includes(o.status) ? { tenant_id: o.tenant_id, order: orderView(o) } : undefined;
  });
  if (!cached || cached.tenant_id !== actor.tenantId || !mayAct(actor, cached.order.userId))
    throw OrderErrors.orderNotFound();
  return cached.order;
}

/** `GET /api/orders/user/{user_id}`: the user's own, or any of the shop's for an admin; newest first. */
export async function listUserOrders(
  actor: SignedInUser,
  userId: string,
  q: { status?: string; limit: number; offset: number },
  deps: OrderDeps,
): Promise<OrderListResponse> {
  if (!mayAct(actor, userId)) throw Errors.forbidden('You may only list your own orders');
  const page = `${actor.tenantId}:${q.status ?? 'all'}:${q.limit}:${q.offset}`;
  const list = await deps.cache.userOrders(userId, page, async () => {
    const { orders, total } = await deps.orders.listByUser(actor.tenantId, userId, q);
    return { orders: orders.map(orderView), total, limit: q.limit, offset: q.offset };
  });
  return list!;
}

/** `POST /api/orders/{order_id}/cancel` (owner or admin): pending or confirmed only; stock goes back. */
export async function cancelOrder(actor: SignedInUser, id: string, deps: OrderDeps) {
  const order = await visibleOrder(actor, id, deps);
  if (order.status !== 'pending' && order.status !== 'confirmed')
    throw OrderErrors.notModifiable(order.status);
  const after = await transitionOrder(order, 'cancelled', { reason: 'cancelled by the customer' }, deps);
  return {
    id,
    status: 'cancelled' as const,
    cancelledAt: (after!.cancelled_at ?? deps.clock()).toISOString(),
  };
}

/**
 * `GET /internal/orders/{order_id}` for payment-service: what a payment is checked against, read fresh
 * from the database (not the cache: a payment must see the status as it is now), of any shop.
 */
export async function internalOrder(id: string, deps: OrderDeps): Promise<InternalOrderResponse> {
  const order = await deps.orders.findAnyTenant(id);
  if (!order || HIDDEN.includes(order.status)) throw OrderErrors.orderNotFound();
  return {
    id: order._id,
    tenant_id: order.tenant_id,
    user_id: order.user_id,
    status: order.status as OrderStatus,
    total_amount: toDecimal(order.total),
    currency: order.currency,
    ...(order.payment_id ? { payment_id: order.payment_id } : {}),
    ...(order.traceparent ? { traceparent: order.traceparent } : {}),
  };
}

/** `PUT /api/orders/{order_id}/status`: an admin of the shop, or an allowed service (any shop). */
export async function updateOrderStatus(
  actor: Principal,
  id: string,
  body: UpdateOrderStatusRequest,
  deps: OrderDeps,
): Promise<OrderResponse> {
  const order =
    actor.kind === 'service'
      ? await deps.orders.findAnyTenant(id)
      : await deps.orders.find(actor.tenantId, id);
  if (!order || HIDDEN.includes(order.status)) throw OrderErrors.orderNotFound();
  const after = await transitionOrder(
    order,
    body.status,
    { paymentId: body.paymentId, reason: body.reason },
    deps,
  );
  return orderView(after!);
}
