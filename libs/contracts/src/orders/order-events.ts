import { z } from 'zod';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';

const OrderId = z.uuid();
const PaymentId = z.string().min(1).max(128);

export const OrderEventLineSchema = z.object({
  product_id: z.string(),
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

/** Seed 001 `order_confirmed`, with the buyer and lines (purchases for data-pipeline). */
export const OrderConfirmedDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  payment_id: PaymentId,
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

/** The delivered keys are never in an event: they stay in the order document. */
export const OrderFulfilledDataSchema = z.object({
  order_id: OrderId,
  user_id: z.uuid(),
  fulfilled_at: z.iso.datetime(),
});
