import { z } from 'zod';

/** Codes of seed 002 §8 that every service uses, with the HTTP status each stands for. */
export const COMMON_ERRORS = {
  VALIDATION_ERROR: 400,
  AUTHENTICATION_FAILED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type CommonErrorCode = keyof typeof COMMON_ERRORS;

/** Service codes of seed 001. */
export const USER_ERRORS = {
  USER_001: 'Email already exists',
  USER_002: 'Username already exists',
  USER_003: 'Invalid verification token',
  USER_004: 'User not found',
} as const;
export const ORDER_ERRORS = {
  ORDER_001: 'Invalid user ID',
  ORDER_002: 'Empty order items',
  ORDER_003: 'Order not found',
  ORDER_004: 'Order cannot be modified',
} as const;
/** order-service's codes beyond seed 001's, with their HTTP status (carts, stock, promo codes, supplier). */
export const ORDER_SERVICE_ERRORS = {
  OUT_OF_STOCK: '409: fewer units left than asked for; `details.available` says how many',
  PRICE_CHANGED: '409: the client price differs from the catalog; `details` has the current price',
  IDEMPOTENCY_CONFLICT: '409: this Idempotency-Key was used with another request body',
  PROMO_CODE_INVALID:
    '400: the promo code is unknown, expired, spent or in another currency (`details.reason`)',
  SYNC_IN_PROGRESS: '409: a catalog sync of the shop is running; one at a time',
} as const;
/** Signed webhooks (`verifyWebhook` of @platform/auth): the supplier's to order-service, the gateway's to payment-service. */
export const WEBHOOK_ERRORS = {
  WEBHOOK_REPLAYED: '409: the webhook event (`details.event_id`) was processed already',
  WEBHOOK_SIGNATURE_INVALID:
    '400: a missing or wrong signature, a timestamp more than 5 minutes off, or a missing body (`details.reason`)',
} as const;
export const PAYMENT_ERRORS = {
  PAY_001: 'Invalid payment method',
  PAY_002: 'Insufficient funds',
  PAY_003: 'Payment already processed',
  PAY_004: 'Refund not allowed',
} as const;

/** payment-service's codes beyond seed 001's, with their HTTP status. */
export const PAYMENT_SERVICE_ERRORS = {
  PAYMENT_AMOUNT_MISMATCH: "409: `amount` or `currency` is not the order's; `details` has both",
  ORDER_NOT_PAYABLE: '409: the order is failed, expired, cancelled or fulfilled (`details.status`)',
  IDEMPOTENCY_CONFLICT: '409: this Idempotency-Key was used with another request body',
} as const;

/** The error envelope of every response with status >= 400 (seed 002 §8, docs/architecture.md). */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    request_id: z.string().min(1),
    timestamp: z.iso.datetime(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
