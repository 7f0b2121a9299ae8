import { z } from 'zod';
import { SealedSecretSchema } from '../notifications/notification-events';
import { PaymentMethodSummarySchema } from '../payments/payments.schemas';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';

const OrderId = z.uuid();
const PaymentId = z.string().min(1).max(128);

export const OrderEventLineSchema = z.object({
  product_id: z.string(),
  name: z.string().optional(),
  quantity: z.number().int().positive(),
  price: MoneySchema,
});

/** Seed 001 `order_created` (`order_id`, `user_id`, `total_amount`, `items`, `created_at`) plus currency. */
export const OrderCreatedDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  total_amount: MoneySchema,
  currency: CurrencySchema,
  subtotal: MoneySchema,
  discount: MoneySchema,
  items: z.array(OrderEventLineSchema),
  expires_at: z.iso.datetime(),
  created_at: z.iso.datetime(),
});

/**
 * Seed 001 `order_confirmed`, with the buyer and lines (purchases for data-pipeline) and what the receipt
 * shows: subtotal, discount, promo code and how it was paid (from `PaymentCompleted`).
 */
export const OrderConfirmedDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  payment_id: PaymentId,
  subtotal: MoneySchema.optional(),
  discount: MoneySchema.optional(),
  promo_code: z.string().optional(),
  payment_method: PaymentMethodSummarySchema.optional(),
  total_amount: MoneySchema,
  currency: CurrencySchema,
  items: z.array(OrderEventLineSchema),
  confirmed_at: z.iso.datetime(),
});

export const OrderFailedDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  payment_id: PaymentId.optional(),
  reason: z.string(),
  failed_at: z.iso.datetime(),
});

/** `payment_id` is set when the order had been paid: payment-service refunds it. */
export const OrderCancelledDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  previous_status: z.enum(['pending', 'confirmed']),
  payment_id: PaymentId.optional(),
  total_amount: MoneySchema,
  currency: CurrencySchema,
  reason: z.string().optional(),
  cancelled_at: z.iso.datetime(),
});

export const OrderExpiredDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  expired_at: z.iso.datetime(),
});

/**
 * The delivered keys never travel in plain text: they stay in the order document, and reach the buyer's
 * mail only sealed for notification-worker (`sealed_keys`: `{"keys": [...]}` as JSON, the event id and
 * order id its authenticated data).
 */
export const OrderFulfilledDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  sealed_keys: SealedSecretSchema.optional(),
  fulfilled_at: z.iso.datetime(),
});
