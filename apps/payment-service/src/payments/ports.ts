import { type CardPaymentMethod, type RefundCause } from '@platform/contracts';
import { type PaymentRecord } from './payment-record';

/**
 * How the two components of payment-service meet (compose.ts wires them): the payments component
 * (payments/, gateway/, webhooks/) charges cards and owns payment state; the wallet component (wallet/)
 * owns balances and their ledger. Every operation that changes a balance changes the payment (and
 * appends its event to the outbox) in the same atomic Redis script, so a balance never disagrees with
 * the payments and a crash never loses the event.
 */

/** Card charges through the gateway (payments component), for order payments and wallet top-ups. */
export interface CardChargePort {
  /**
   * Records `payment` (status `processing`, brand and last four only) and asks the gateway for the charge
   * (idempotency key: the payment id). A gateway timeout leaves it `processing` for the reconciler; a
   * refusal before any charge (5xx after retries, breaker open) removes nothing but fails it with no
   * event and throws SERVICE_UNAVAILABLE. Returns the record as stored after the call.
   */
  charge(
    payment: PaymentRecord,
    card: CardPaymentMethod,
    extraKeys?: Record<string, string>,
  ): Promise<PaymentRecord>;
}

/** The wallet (wallet component): every call is one atomic script over wallet, ledger, payment and outbox. */
export interface WalletPort {
  /**
   * Pays an order from the wallet: debits `payment.amount`, writes the ledger entry, stores `payment`
   * as `completed` and appends its PaymentCompleted to the outbox, all or nothing. PAY_002 when the
   * balance is short (nothing written).
   */
  payOrder(payment: PaymentRecord & { order_id: string }, at: Date): Promise<PaymentRecord>;
  /**
   * A top-up's card charge succeeded: credits the wallet with a ledger entry and marks the payment
   * `completed`, once (false when it was not `processing` any more: a replayed callback).
   */
  completeTopUp(paymentId: string, transactionId: string, at: Date): Promise<boolean>;
  /**
   * Gives `amount` cents of a wallet payment back to the wallet: ledger entry, refund record `completed`,
   * the payment's `refunded` (status `refunded` when all is back) and PaymentRefunded in the outbox, once
   * per refund id (false when that refund was applied already).
   */
  refundToWallet(
    paymentId: string,
    refund: { id: string; amount: number; cause: RefundCause; reason?: string },
    at: Date,
  ): Promise<boolean>;
}
