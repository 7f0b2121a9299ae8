import { type OutboxCommand } from '@platform/messaging';
import type Redis from 'ioredis';
import { fromHash, keys, type PaymentRecord, type RefundRecord } from '../payments/payment-record';
import { type LedgerEntry, type NewLedgerEntry, type WalletSnapshot } from './wallet-ledger';
import { COMPLETE_TOP_UP, PAY_ORDER, REFUND_TO_WALLET } from './wallet.scripts';

export type PayResult =
  | { outcome: 'paid'; balance: number }
  | { outcome: 'short'; balance: number }
  | { outcome: 'settled'; balance: number };

export type RefundResult =
  | { outcome: 'refunded'; balance: number }
  | { outcome: 'applied_already' | 'stale' | 'exceeds' | 'not_completed' };

const REFUND_CODES = {
  [-1]: 'applied_already',
  [-2]: 'stale',
  [-3]: 'exceeds',
  [-4]: 'not_completed',
} as const;

/** A hash's fields as the scripts take them: `[field, value, …]` as JSON, absent fields left out. */
const hashFields = (record: object): string =>
  JSON.stringify(
    Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .flatMap(([k, v]) => [k, String(v)]),
  );

/** The wallet's Redis data: every change is one script over wallet, ledger, payment and outbox. */
export class WalletRepository {
  constructor(private readonly redis: Redis) {}

  async read(tenantId: string, userId: string, currency: string, limit: number): Promise<WalletSnapshot> {
    const results = await this.redis
      .multi()
      .hget(keys.wallet(tenantId, userId, currency), 'balance')
      .lrange(keys.ledger(tenantId, userId, currency), 0, limit - 1)
      .exec();
    const [[, balance], [, entries]] = results as [[null, string | null], [null, string[]]];
    return { balance: Number(balance ?? 0), entries: entries.map((e) => JSON.parse(e) as LedgerEntry) };
  }

  async findPayment(paymentId: string): Promise<PaymentRecord | undefined> {
    return fromHash(await this.redis.hgetall(keys.payment(paymentId)));
  }

  /** Debits the wallet and stores `paid` (completed) with its ledger entry and events, or nothing. */
  async payOrder(paid: PaymentRecord, entry: NewLedgerEntry, outbox: OutboxCommand[]): Promise<PayResult> {
    const { tenant_id, user_id, currency } = paid;
    const [code, balance] = (await this.redis.eval(
      PAY_ORDER,
      4,
      keys.wallet(tenant_id, user_id, currency),
      keys.ledger(tenant_id, user_id, currency),
      keys.payment(paid.id),
      keys.userPayments(tenant_id, user_id),
      paid.amount,
      hashFields(paid),
      JSON.stringify(entry),
      Date.parse(paid.created_at),
      paid.id,
      JSON.stringify(outbox),
    )) as [number, number];
    return { outcome: code === 1 ? 'paid' : code === 0 ? 'short' : 'settled', balance };
  }

  /** Completes a top-up being processed and credits its amount; undefined when it was not processing. */
  async completeTopUp(
    topUp: PaymentRecord,
    transactionId: string,
    at: Date,
    entry: NewLedgerEntry,
  ): Promise<number | undefined> {
    const { tenant_id, user_id, currency } = topUp;
    const after = (await this.redis.eval(
      COMPLETE_TOP_UP,
      4,
      keys.payment(topUp.id),
      keys.wallet(tenant_id, user_id, currency),
      keys.ledger(tenant_id, user_id, currency),
      keys.processing,
      transactionId,
      at.toISOString(),
      JSON.stringify(entry),
    )) as number;
    return after < 0 ? undefined : after;
  }

  /**
   * Gives a refund of a wallet payment back to the wallet, once per refund id. `payment` is the record
   * the event was built from: when its `refunded` changed meanwhile the answer is `stale` (read again).
   */
  async refundToWallet(
    payment: PaymentRecord,
    refund: RefundRecord,
    entry: NewLedgerEntry,
    outbox: OutboxCommand[],
  ): Promise<RefundResult> {
    const { tenant_id, user_id, currency } = payment;
    const code = (await this.redis.eval(
      REFUND_TO_WALLET,
      5,
      keys.refund(refund.id),
      keys.payment(payment.id),
      keys.wallet(tenant_id, user_id, currency),
      keys.ledger(tenant_id, user_id, currency),
      keys.paymentRefunds(payment.id),
      hashFields(refund),
      payment.refunded,
      refund.amount,
      JSON.stringify(entry),
      refund.id,
      JSON.stringify(outbox),
    )) as number;
    return code > 0
      ? { outcome: 'refunded', balance: code }
      : { outcome: REFUND_CODES[code as keyof typeof REFUND_CODES] };
  }
}
