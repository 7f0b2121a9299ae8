import { z } from 'zod';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';
import { PaymentMethodSummarySchema } from './payments.schemas';

const PaymentId = z.string().min(1).max(128);

/**
 * Seed 001 `payment_completed` on `payment.events` (aggregate `payment`), with how it was paid (brand and
 * last four digits only) for the receipt.
 */
export const PaymentCompletedDataSchema = z.object({
  payment_id: PaymentId,
  order_id: z.uuid(),
  user_id: z.uuid(),
  amount: MoneySchema,
  currency: CurrencySchema,
  transaction_id: z.string().min(1).max(128),
  payment_method: PaymentMethodSummarySchema.optional(),
  completed_at: z.iso.datetime(),
});

/**
 * Seed 001 `payment_failed`, with the buyer (to tell them) and the amount. `error_code` is the gateway's
 * reason in upper case (`INSUFFICIENT_FUNDS`, `CARD_DECLINED` …); `reason` is a sentence a buyer can act on.
 */
export const PaymentFailedDataSchema = z.object({
  payment_id: PaymentId,
  order_id: z.uuid(),
  user_id: z.uuid(),
  amount: MoneySchema,
  currency: CurrencySchema,
  reason: z.string(),
  error_code: z.string(),
  payment_method: PaymentMethodSummarySchema.optional(),
  failed_at: z.iso.datetime(),
});

/**
 * Why payment-service gave money back, so that a consumer needs no other topic to tell the buyer:
 * `order_cancelled` on `OrderCancelled` of a paid order, `order_expired` on `OrderExpired` of a paid
 * order, `order_closed` for a charge that completed after its order had closed, `requested` for
 * `POST /api/payments/{id}/refund`.
 */
export const RefundCauseSchema = z.enum(['order_cancelled', 'order_expired', 'order_closed', 'requested']);
export type RefundCause = z.infer<typeof RefundCauseSchema>;

/**
 * A refund went through. `cause` says why (RefundCauseSchema); `refunded_total` is all refunded so far.
 */
export const PaymentRefundedDataSchema = z.object({
  payment_id: PaymentId,
  refund_id: z.string().min(1).max(128),
  order_id: z.uuid(),
  user_id: z.uuid(),
  amount: MoneySchema,
  refunded_total: MoneySchema,
  currency: CurrencySchema,
  payment_method: PaymentMethodSummarySchema.optional(),
  cause: RefundCauseSchema,
  reason: z.string().optional(),
  refunded_at: z.iso.datetime(),
});
