import {
  CancelOrderResponseSchema,
  CreateOrderRequestSchema,
  CreatePromoCodeRequestSchema,
  InternalOrderResponseSchema,
  OrderIdParamsSchema,
  OrderListQuerySchema,
  OrderListResponseSchema,
  OrderResponseSchema,
  OrderUserParamsSchema,
  PromoCodeResponseSchema,
  UpdateOrderStatusRequestSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

const hidden = 'ORDER_003: no such order in this shop, or not the caller’s (never revealed)';

/** The paths of orders.routes.ts and promo-codes.routes.ts (seed 001 Order API, seed 003 promo codes). */
export const registerOrdersPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/orders',
    summary:
      'Order items (or {"fromCart": true}), priced from the catalog, stock reserved; header Idempotency-Key replays the same order (200)',
    access: 'user',
    body: CreateOrderRequestSchema,
    responses: {
      201: { description: 'Created, pending payment', schema: OrderResponseSchema },
      200: { description: 'The order this Idempotency-Key created before', schema: OrderResponseSchema },
    },
    errors: {
      400: 'ORDER_001 unknown user or of another shop; ORDER_002 no items; PROMO_CODE_INVALID; VALIDATION_ERROR',
      403: 'FORBIDDEN: ordering for another user needs the admin role',
      404: 'NOT_FOUND: an item is not in this shop’s catalog',
      409: 'OUT_OF_STOCK (item, available), PRICE_CHANGED (item, price), IDEMPOTENCY_CONFLICT',
      503: 'SERVICE_UNAVAILABLE: user-service or the database is unavailable (breaker open: at once)',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/orders/{order_id}',
    summary: 'One order (its owner or an admin of the shop)',
    access: 'user',
    params: OrderIdParamsSchema,
    responses: { 200: { description: 'The order', schema: OrderResponseSchema } },
    errors: { 404: hidden },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/orders/user/{user_id}',
    summary: "A user's orders, newest first, by status, limit (default 10) and offset (the user or an admin)",
    access: 'user',
    params: OrderUserParamsSchema,
    query: OrderListQuerySchema,
    responses: { 200: { description: 'A page of orders', schema: OrderListResponseSchema } },
  });
  registerOperation(registry, {
    method: 'put',
    path: '/api/orders/{order_id}/status',
    summary: 'Move an order along a legal transition (an admin, or payment-service with a service token)',
    access: 'user',
    params: OrderIdParamsSchema,
    body: UpdateOrderStatusRequestSchema,
    responses: { 200: { description: 'The order', schema: OrderResponseSchema } },
    errors: { 404: hidden, 409: 'ORDER_004: not a legal transition from the current status' },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/orders/{order_id}/cancel',
    summary:
      'Cancel a pending or confirmed order (owner or admin); stock goes back, a paid order is refunded',
    access: 'user',
    params: OrderIdParamsSchema,
    responses: { 200: { description: 'Cancelled', schema: CancelOrderResponseSchema } },
    errors: { 404: hidden, 409: 'ORDER_004: fulfilled, or already cancelled, failed or expired' },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/internal/orders/{order_id}',
    summary:
      'What a payment is checked against: shop, buyer, status and amount (service token: payment-service)',
    access: 'service',
    params: OrderIdParamsSchema,
    responses: { 200: { description: 'The order', schema: InternalOrderResponseSchema } },
    errors: {
      403: 'FORBIDDEN: a user token, or a service other than payment-service',
      404: 'ORDER_003: no such order',
    },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/promo-codes',
    summary:
      'Create a promo code of the shop (admin): percent or fixed amount, optional expiry and maximum uses',
    access: 'user',
    body: CreatePromoCodeRequestSchema,
    responses: { 201: { description: 'Created', schema: PromoCodeResponseSchema } },
    errors: { 403: 'FORBIDDEN: admins only', 409: 'CONFLICT: the shop has this code already' },
  });
};
