import { TOPICS } from '@platform/contracts';
import { outboxCommands } from '@platform/messaging';
import { Errors } from '@platform/service-kit';
import { PaymentErrors } from '../errors';
import { paymentCompleted, paymentRefunded } from '../payments/payment-events';
import { decimalOf, keys, type PaymentRecord } from '../payments/payment-record';
import { type WalletPort } from '../payments/ports';
import { newLedgerEntry } from './wallet-ledger';
import { type WalletMetrics } from './wallet-metrics';
import { type WalletRepository } from './wallet.repository';

// a refund read a payment another refund of it changed meanwhile: read again (a few at once at most)
const REFUND_ATTEMPTS = 20;

const outboxOf = (...events: Parameters<typeof outboxCommands>[2]) =>
  outboxCommands(keys.outbox, TOPICS.paymentEvents, events);

/** The wallet as the payments component uses it (ports.ts): each change one atomic repository call. */
export function walletPort(repo: WalletRepository, metrics: WalletMetrics): WalletPort {
  return {
    async payOrder(payment, at) {
      const paid = {
        ...payment,
        status: 'completed',
        method_type: 'wallet',
        brand: undefined,
        last4: undefined,
        transaction_id: `wallet_${payment.id}`,
        completed_at: at.toISOString(),
      } satisfies PaymentRecord & { order_id: string };
      const entry = newLedgerEntry('payment', -paid.amount, paid.id, at);
      const result = await repo.payOrder(paid, entry, outboxOf(paymentCompleted(paid, at)));
      if (result.outcome === 'short')
        throw PaymentErrors.insufficientFunds(decimalOf(result.balance), decimalOf(paid.amount));
      if (result.outcome === 'settled') throw PaymentErrors.alreadyProcessed(paid.id);
      metrics.balanceChanged('payment');
      return paid;
    },

    async completeTopUp(paymentId, transactionId, at) {
      const topUp = await repo.findPayment(paymentId);
      if (topUp?.purpose !== 'wallet_top_up') return false;
      const entry = newLedgerEntry('top_up', topUp.amount, topUp.id, at);
      const credited = await repo.completeTopUp(topUp, transactionId, at, entry);
      if (credited === undefined) return false;
      metrics.balanceChanged('top_up');
      return true;
    },

    async refundToWallet(paymentId, refund, at) {
      for (let attempt = 0; attempt < REFUND_ATTEMPTS; attempt++) {
        const payment = await repo.findPayment(paymentId);
        if (!payment) throw PaymentErrors.paymentNotFound();
        if (payment.method_type !== 'wallet' || !payment.order_id)
          throw PaymentErrors.refundNotAllowed('not_a_wallet_payment', { payment_id: paymentId });
        const paid = { ...payment, order_id: payment.order_id };
        const event = paymentRefunded(paid, refund, payment.refunded + refund.amount, at);
        const result = await repo.refundToWallet(
          payment,
          {
            id: refund.id,
            payment_id: paymentId,
            amount: refund.amount,
            currency: payment.currency,
            status: 'completed',
            cause: refund.cause,
            ...(refund.reason ? { reason: refund.reason } : {}),
            created_at: at.toISOString(),
            completed_at: at.toISOString(),
          },
          newLedgerEntry('refund', refund.amount, paymentId, at, refund.id),
          outboxOf(event),
        );
        switch (result.outcome) {
          case 'refunded':
            metrics.balanceChanged('refund');
            return true;
          case 'applied_already':
            return false;
          case 'exceeds':
            throw PaymentErrors.refundNotAllowed('exceeds_remaining', {
              remaining: decimalOf(Math.max(0, payment.amount - payment.refunded - payment.refund_pending)),
            });
          case 'not_completed':
            throw PaymentErrors.refundNotAllowed('not_completed', { status: payment.status });
          case 'stale':
            continue;
        }
      }
      throw Errors.unavailable('The payment is being refunded by others; try again');
    },
  };
}
