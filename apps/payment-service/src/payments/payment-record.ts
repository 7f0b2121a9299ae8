import {
  type PaymentMethodSummary,
  type PaymentResponse,
  type PaymentStatus,
  type RefundCause,
} from '@platform/contracts';

/**
 * payment-service's data in Redis (its only store, AOF on). One key layout for every component:
 *
 * | key                                   | type   | what                                                        |
 * | ------------------------------------- | ------ | ----------------------------------------------------------- |
 * | `payment:{id}`                        | hash   | a payment (PaymentRecord, money in integer cents)           |
 * | `payments:user:{tenant}:{user}`       | zset   | the user's payment ids, score = created ms (listing)        |
 * | `order-payment:{order_id}`            | string | the payment that holds the order (one at a time: PAY_003)   |
 * | `order-closed:{order_id}`             | string | the order was cancelled or expired: a late charge is refunded |
 * | `payments:processing`                 | zset   | card payments waiting for the gateway, score = when to poll |
 * | `payments:refund-due`                 | zset   | payments completed for a closed order, to refund in full    |
 * | `refund:{id}`                         | hash   | a refund (RefundRecord)                                     |
 * | `refunds:processing`                  | zset   | card refunds waiting for the gateway, score = when to poll  |
 * | `payment:{id}:refunds`                | list   | the payment's refund ids, oldest first                      |
 * | `wallet:{tenant}:{user}:{currency}`   | hash   | `balance` in cents                                          |
 * | `wallet:{tenant}:{user}:{currency}:ledger` | list | ledger entries (JSON), newest first; balance = their sum |
 * | `idem:{tenant}:{user}:{key}`          | string | an Idempotency-Key's `{body_hash, payment_id}`              |
 * | `webhook-event:{event_id}`            | string | a gateway callback: `received` → `done`                     |
 * | `payment-service:outbox`              | stream | events waiting for the relay (appendEvents / outboxCommands) |
 */
export const keys = {
  payment: (id: string) => `payment:${id}`,
  userPayments: (tenantId: string, userId: string) => `payments:user:${tenantId}:${userId}`,
  orderPayment: (orderId: string) => `order-payment:${orderId}`,
  orderClosed: (orderId: string) => `order-closed:${orderId}`,
  processing: 'payments:processing',
  refundDue: 'payments:refund-due',
  refund: (id: string) => `refund:${id}`,
  refundsProcessing: 'refunds:processing',
  paymentRefunds: (paymentId: string) => `payment:${paymentId}:refunds`,
  wallet: (tenantId: string, userId: string, currency: string) => `wallet:${tenantId}:${userId}:${currency}`,
  ledger: (tenantId: string, userId: string, currency: string) =>
    `wallet:${tenantId}:${userId}:${currency}:ledger`,
  idempotency: (tenantId: string, userId: string, key: string) => `idem:${tenantId}:${userId}:${key}`,
  webhookEvent: (eventId: string) => `webhook-event:${eventId}`,
  outbox: 'payment-service:outbox',
};

/** A payment as stored (the `payment:{id}` hash), money in integer cents. */
export interface PaymentRecord {
  id: string;
  purpose: 'order' | 'wallet_top_up';
  tenant_id: string;
  user_id: string;
  /** Absent for a wallet top-up. */
  order_id?: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  method_type: 'credit_card' | 'wallet';
  brand?: string;
  last4?: string;
  /** The gateway's reusable token of the card (never the number). */
  gateway_token?: string;
  charge_id?: string;
  transaction_id?: string;
  /** Cents refunded (succeeded) and cents asked back but not yet confirmed by the gateway. */
  refunded: number;
  refund_pending: number;
  failure_reason?: string;
  error_code?: string;
  created_at: string;
  completed_at?: string;
  failed_at?: string;
}

/** A refund as stored (the `refund:{id}` hash), `amount` in integer cents; ids are `re_<uuid>`. */
export interface RefundRecord {
  id: string;
  payment_id: string;
  amount: number;
  currency: string;
  /** A card refund is `processing` until the gateway's `refund.succeeded`; a wallet refund is `completed` at once. */
  status: 'processing' | 'completed' | 'failed';
  /** Why it was made; PaymentRefunded carries it, read back here when the gateway confirms a card refund. */
  cause: RefundCause;
  reason?: string;
  /** The gateway's id of a card refund. */
  gateway_refund_id?: string;
  created_at: string;
  completed_at?: string;
}

const NUMBERS = ['amount', 'refunded', 'refund_pending'] as const;

/** The hash fields of a record (strings; absent optional fields are left out). */
export function toHash(p: PaymentRecord): Record<string, string> {
  return Object.fromEntries(
    Object.entries(p)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

/** A record from HGETALL, or undefined for an empty hash (no such payment). */
export function fromHash(h: Record<string, string>): PaymentRecord | undefined {
  if (!h.id) return undefined;
  const p = { ...h } as unknown as PaymentRecord;
  for (const n of NUMBERS) (p as unknown as Record<string, number>)[n] = Number(h[n] ?? 0);
  return p;
}

export const centsOf = (decimal: number): number => Math.round(decimal * 100);
export const decimalOf = (cents: number): number => cents / 100;

export const methodSummary = (p: PaymentRecord): PaymentMethodSummary => ({
  type: p.method_type,
  ...(p.brand ? { brand: p.brand } : {}),
  ...(p.last4 ? { last4: p.last4 } : {}),
});

/** The payment at the API (seed 001, money as decimals). */
export function toPaymentView(p: PaymentRecord): PaymentResponse {
  return {
    id: p.id,
    purpose: p.purpose,
    ...(p.order_id ? { orderId: p.order_id } : {}),
    userId: p.user_id,
    amount: decimalOf(p.amount),
    currency: p.currency,
    status: p.status,
    paymentMethod: methodSummary(p),
    ...(p.transaction_id ? { transactionId: p.transaction_id } : {}),
    refundedAmount: decimalOf(p.refunded),
    ...(p.failure_reason ? { failureReason: p.failure_reason } : {}),
    ...(p.error_code ? { errorCode: p.error_code } : {}),
    createdAt: p.created_at,
    ...(p.completed_at ? { completedAt: p.completed_at } : {}),
    ...(p.failed_at ? { failedAt: p.failed_at } : {}),
  };
}
