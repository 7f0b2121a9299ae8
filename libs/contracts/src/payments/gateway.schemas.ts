import { z } from 'zod';

/**
 * The card gateway's wire format (an outside provider; in development the devstack
 * payment-gateway-simulator). Amounts are integer minor units. payment-service validates every answer
 * and every callback with these before acting on them.
 */
const Cents = z.number().int().nonnegative();
const Currency = z.string().regex(/^[A-Za-z]{3}$/);

/** What payment-service sends with a charge or refund and gets back in its callbacks. */
export const GatewayMetadataSchema = z
  .object({ payment_id: z.string().max(128).optional(), refund_id: z.string().max(128).optional() })
  .loose();

/** The headers of a signed callback: hex HMAC-SHA256 of `${timestamp}.${raw body}`. */
export const GATEWAY_TIMESTAMP_HEADER = 'x-gateway-timestamp';
export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** `POST /api/webhooks/payment-gateway`: a charge completed or failed, or a refund went through. */
export const GatewayCallbackSchema = z.object({
  event_id: z.string().min(1).max(128),
  type: z.enum(['charge.succeeded', 'charge.failed', 'refund.succeeded']),
  charge_id: z.string().min(1).max(128),
  amount: Cents,
  currency: Currency,
  /** `charge.failed`: `insufficient_funds`, `stolen_card` … */
  failure_code: z.string().max(64).optional(),
  /** `refund.succeeded`: the gateway's id of the refund. */
  refund_id: z.string().max(128).optional(),
  metadata: GatewayMetadataSchema.optional(),
  occurred_at: z.iso.datetime(),
});
export type GatewayCallback = z.infer<typeof GatewayCallbackSchema>;

/** The gateway's answer to `POST /charges/{id}/refunds`, and each refund of a charge. */
export const GatewayRefundSchema = z.object({
  refund_id: z.string().min(1),
  charge_id: z.string().min(1),
  amount: Cents,
  status: z.enum(['processing', 'succeeded']),
});
export type GatewayRefund = z.infer<typeof GatewayRefundSchema>;

/** The gateway's answer to `POST /charges` and `GET /charges/{id}` (the card's brand and last four only). */
export const GatewayChargeSchema = z.object({
  charge_id: z.string().min(1),
  status: z.enum(['processing', 'succeeded', 'failed']),
  amount: Cents,
  currency: Currency,
  card: z.object({ brand: z.string(), last4: z.string() }).optional(),
  token: z.string().optional(),
  failure_code: z.string().optional(),
  refunded_amount: Cents.optional(),
  refunds: z.array(GatewayRefundSchema).optional(),
  metadata: GatewayMetadataSchema.optional(),
});
export type GatewayCharge = z.infer<typeof GatewayChargeSchema>;
