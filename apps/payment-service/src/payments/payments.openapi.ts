import {
  CreatePaymentRequestSchema,
  GatewayCallbackSchema,
  PaymentIdParamsSchema,
  PaymentListQuerySchema,
  PaymentListResponseSchema,
  PaymentResponseSchema,
  PaymentUserParamsSchema,
  RefundRequestSchema,
  RefundResponseSchema,
  WebhookResultSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

const hidden = 'NOT_FOUND: no such payment in this shop, or not the caller’s (never revealed)';

/** The paths of payments.routes.ts and webhooks/gateway-webhook.routes.ts (seed 001 Payment API, seed 003). */
export const registerPaymentsPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'post',
    path: '/api/payments',
    summary:
      'Pay a pending order by card (201 processing; the gateway’s callback completes it) or from the wallet (201 completed); header Idempotency-Key replays the same payment (200)',
    access: 'user',
    body: CreatePaymentRequestSchema,
    responses: {
      201: { description: 'Created', schema: PaymentResponseSchema },
      200: { description: 'The payment this Idempotency-Key made before', schema: PaymentResponseSchema },
    },
    errors: {
      400: 'PAY_001 invalid payment method (details.field: paymentMethod.cardNumber …); PAY_002 wallet balance too low; VALIDATION_ERROR',
      403: 'FORBIDDEN: paying for another user needs the admin role',
      404: 'NOT_FOUND: no such order in this shop, or not the caller’s',
      409: 'PAY_003 the order is paid or being paid; ORDER_NOT_PAYABLE (failed, expired, cancelled); PAYMENT_AMOUNT_MISMATCH (expected, got); IDEMPOTENCY_CONFLICT',
      503: 'SERVICE_UNAVAILABLE: order-service or the card gateway is unavailable (nothing charged; try again)',
    },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/payments/{payment_id}',
    summary: 'One payment (its buyer or an admin of the shop)',
    access: 'user',
    params: PaymentIdParamsSchema,
    responses: { 200: { description: 'The payment', schema: PaymentResponseSchema } },
    errors: { 404: hidden },
  });
  registerOperation(registry, {
    method: 'get',
    path: '/api/payments/user/{user_id}',
    summary: "A user's payments, newest first, limit (default 10) and offset (the user or an admin)",
    access: 'user',
    params: PaymentUserParamsSchema,
    query: PaymentListQuerySchema,
    responses: { 200: { description: 'A page of payments', schema: PaymentListResponseSchema } },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/payments/{payment_id}/refund',
    summary:
      'Refund all or part of a completed payment (admin): a card refund is processing until the gateway confirms it, a wallet refund completes at once',
    access: 'user',
    params: PaymentIdParamsSchema,
    body: RefundRequestSchema,
    responses: { 201: { description: 'The refund', schema: RefundResponseSchema } },
    errors: {
      403: 'FORBIDDEN: admins only',
      404: hidden,
      409: 'PAY_004: the payment is not completed, or the amount is more than is left to refund',
      503: 'SERVICE_UNAVAILABLE: the card gateway is unavailable (nothing refunded; try again)',
    },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/webhooks/payment-gateway',
    summary:
      'The card gateway’s callbacks (signed: X-Gateway-Signature = hex HMAC-SHA256 of `${X-Gateway-Timestamp}.${raw body}`); an unknown charge or refund is acknowledged and ignored',
    access: 'public',
    body: GatewayCallbackSchema,
    responses: { 200: { description: 'Processed (or ignored)', schema: WebhookResultSchema } },
    errors: {
      400: 'WEBHOOK_SIGNATURE_INVALID or VALIDATION_ERROR: bad or missing signature, timestamp beyond ±5 minutes, or an invalid body',
      409: 'WEBHOOK_REPLAYED: this event was processed already',
    },
  });
};
