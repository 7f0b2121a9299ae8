import { z } from 'zod';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';

const PaymentId = z.string().min(1).max(128);

/** Seed 001 `payment_completed` on `payment.events` (aggregate `payment`). */
export const PaymentCompletedDataSchema = z.object({
  payment_id: PaymentId,
  order_id: z.uuid(),
  user_id: z.uuid(),
  amount: MoneySchema,
  currency: CurrencySchema,
  transaction_id: z.string().min(1).max(128),
  completed_at: z.iso.datetime(),
});

/** Seed 001 `payment_failed`. */
export const PaymentFailedDataSchema = z.object({
  payment_id: PaymentId,
  order_id: z.uuid(),
  reason: z.string(),
  error_code: z.string(),
  failed_at: z.iso.datetime(),
});

/** A refund went through (after `OrderCancelled` of a paid order, or `POST /api/payments/{id}/refund`). */
export const PaymentRefundedDataSchema = z.object({
  payment_id: PaymentId,
  order_id: z.uuid(),
  amount: MoneySchema,
  currency: CurrencySchema,
  reason: z.string().optional(),
  refunded_at: z.iso.datetime(),
});
