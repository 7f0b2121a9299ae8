import { z } from 'zod';
import { queryInt } from '../query';
import { OrderStatusSchema } from '../orders/orders.schemas';
import { CurrencySchema, MoneySchema } from '../shop/visitor.schemas';

/** Luhn's checksum over a string of digits (every card number carries one). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Whether a card's expiry (month and four-digit year) is this month or later, in UTC. */
export function expiryNotPast(month: number, year: number, now = new Date()): boolean {
  return year > now.getUTCFullYear() || (year === now.getUTCFullYear() && month >= now.getUTCMonth() + 1);
}

/**
 * A card as the buyer types it (seed 001). Only payment-service's gateway call ever sees the number and
 * the CVV: they are never stored, logged, put in an event or returned (brand and last four digits are).
 */
export const CardPaymentMethodSchema = z
  .object({
    type: z.literal('credit_card'),
    cardNumber: z
      .string()
      .transform((v) => v.replace(/[\s-]/g, ''))
      .pipe(
        z
          .string()
          .regex(/^[0-9]{12,19}$/, '12 to 19 digits')
          .refine(luhnValid, 'not a valid card number'),
      ),
    expiryMonth: z.string().regex(/^(0?[1-9]|1[0-2])$/, 'a month, 1 to 12'),
    expiryYear: z.string().regex(/^[0-9]{4}$/, 'a four-digit year'),
    cvv: z.string().regex(/^[0-9]{3,4}$/, '3 or 4 digits'),
  })
  .strict()
  .refine((c) => expiryNotPast(Number(c.expiryMonth), Number(c.expiryYear)), {
    message: 'the card has expired',
    path: ['expiryYear'],
  });
export type CardPaymentMethod = z.infer<typeof CardPaymentMethodSchema>;

/** Paying from the buyer's wallet (seed 003 user balance). */
export const WalletPaymentMethodSchema = z.object({ type: z.literal('wallet') }).strict();

export const PaymentMethodSchema = z.discriminatedUnion('type', [
  CardPaymentMethodSchema,
  WalletPaymentMethodSchema,
]);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/**
 * `POST /api/payments` (seed 001). `userId` defaults to the caller. An invalid `paymentMethod` is
 * `PAY_001` naming the field; the rest of the body is `VALIDATION_ERROR`.
 */
export const CreatePaymentRequestSchema = z
  .object({
    orderId: z.uuid(),
    userId: z.uuid().optional(),
    // min 0.01, not positive(): 5e-324 passed both positive() and the two-decimals check, as 0 cents (a 500)
    amount: MoneySchema.min(0.01, 'at least 0.01'),
    currency: CurrencySchema,
    paymentMethod: PaymentMethodSchema,
  })
  .strict();
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequestSchema>;

export const PaymentStatusSchema = z.enum(['processing', 'completed', 'failed', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/** What is kept of how a payment was made: never the number or the CVV. */
export const PaymentMethodSummarySchema = z.object({
  type: z.enum(['credit_card', 'wallet']),
  brand: z.string().optional(),
  last4: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
});
export type PaymentMethodSummary = z.infer<typeof PaymentMethodSummarySchema>;

/** A payment at the API (seed 001), money as decimals; `orderId` is absent for a wallet top-up. */
export const PaymentResponseSchema = z.object({
  id: z.string(),
  purpose: z.enum(['order', 'wallet_top_up']),
  orderId: z.uuid().optional(),
  userId: z.uuid(),
  amount: MoneySchema,
  currency: CurrencySchema,
  status: PaymentStatusSchema,
  paymentMethod: PaymentMethodSummarySchema,
  transactionId: z.string().optional(),
  refundedAmount: MoneySchema,
  failureReason: z.string().optional(),
  errorCode: z.string().optional(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().optional(),
  failedAt: z.iso.datetime().optional(),
});
export type PaymentResponse = z.infer<typeof PaymentResponseSchema>;

export const PaymentIdParamsSchema = z.object({ payment_id: z.string().regex(/^pay_[A-Za-z0-9-]{8,64}$/) });
export const PaymentUserParamsSchema = z.object({ user_id: z.uuid() });

/** `GET /api/payments/user/{user_id}` (seed 001): newest first. */
export const PaymentListQuerySchema = z.object({
  limit: queryInt({ min: 1, max: 100, fallback: 10 }),
  offset: queryInt({ min: 0, fallback: 0 }),
});
export const PaymentListResponseSchema = z.object({
  payments: z.array(PaymentResponseSchema),
  total: z.number().int().nonnegative(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** `POST /api/payments/{payment_id}/refund` (seed 001): `amount` defaults to all that is left. */
export const RefundRequestSchema = z
  .object({
    amount: MoneySchema.min(0.01, 'at least 0.01').optional(),
    reason: z.string().min(1).max(500).optional(),
  })
  .strict();
export type RefundRequest = z.infer<typeof RefundRequestSchema>;

export const RefundResponseSchema = z.object({
  id: z.string(),
  paymentId: z.string(),
  amount: MoneySchema,
  currency: CurrencySchema,
  status: z.enum(['processing', 'completed']),
  reason: z.string().optional(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().optional(),
});
export type RefundResponse = z.infer<typeof RefundResponseSchema>;

/** `GET /api/wallet?currency=` (seed 003 user balance): one wallet per currency. */
export const WalletQuerySchema = z.object({
  currency: CurrencySchema.default('USD'),
  limit: queryInt({ min: 1, max: 100, fallback: 20 }),
});
export const WalletTransactionSchema = z.object({
  id: z.string(),
  type: z.enum(['top_up', 'payment', 'refund']),
  /** Signed: a payment is negative. */
  amount: z.number(),
  balanceAfter: MoneySchema,
  paymentId: z.string().optional(),
  createdAt: z.iso.datetime(),
});
export const WalletResponseSchema = z.object({
  userId: z.uuid(),
  currency: CurrencySchema,
  balance: MoneySchema,
  transactions: z.array(WalletTransactionSchema),
});
export type WalletResponse = z.infer<typeof WalletResponseSchema>;

/** `POST /api/wallet/top-up`: a card payment that credits the wallet once the gateway confirms it. */
export const WalletTopUpRequestSchema = z
  .object({
    amount: MoneySchema.min(0.01, 'at least 0.01').max(10_000, 'at most 10000'),
    currency: CurrencySchema,
    paymentMethod: CardPaymentMethodSchema,
  })
  .strict();
export type WalletTopUpRequest = z.infer<typeof WalletTopUpRequestSchema>;

/** `GET /internal/orders/{order_id}` of order-service: what payment-service checks a payment against. */
export const InternalOrderResponseSchema = z.object({
  id: z.uuid(),
  tenant_id: z.uuid(),
  user_id: z.uuid(),
  status: OrderStatusSchema,
  total_amount: MoneySchema,
  currency: CurrencySchema,
  payment_id: z.string().optional(),
  /** The W3C traceparent of the request that created the order: the payment continues its trace. */
  traceparent: z
    .string()
    .regex(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
    .optional(),
});
export type InternalOrderResponse = z.infer<typeof InternalOrderResponseSchema>;
