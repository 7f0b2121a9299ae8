import { type EventEnvelope } from '@platform/contracts';
import type Redis from 'ioredis';
import { keys, type RefundRecord } from './payment-record';
import { COMPLETE_REFUND, FAIL_REFUND, RESERVE_REFUND } from './payment-scripts';
import { outboxOf } from './payments.repository';

export type ReserveOutcome =
  | { kind: 'reserved'; amount: number }
  | { kind: 'exists' }
  | { kind: 'not_completed'; status: string }
  | { kind: 'exceeds'; left: number };

const pairs = (fields: Record<string, string>) => JSON.stringify(Object.entries(fields).flat());

function refundOf(h: Record<string, string>): RefundRecord | undefined {
  if (!h.id) return undefined;
  return { ...(h as unknown as RefundRecord), amount: Number(h.amount) };
}

/** Refunds in Redis (`refund:{id}`, `payment:{id}:refunds`); the payment's sums move in the same scripts. */
export class RefundsRepository {
  constructor(private readonly redis: Redis) {}

  /** Reserves `amount` cents (undefined: all that is left) as a `processing` refund, once per refund id. */
  async reserve(
    paymentId: string,
    refund: Omit<RefundRecord, 'amount' | 'status'>,
    amount: number | undefined,
    pollAt: number,
  ): Promise<ReserveOutcome> {
    const fields: Record<string, string> = {
      id: refund.id,
      payment_id: paymentId,
      currency: refund.currency,
      status: 'processing',
      cause: refund.cause,
      created_at: refund.created_at,
      ...(refund.reason ? { reason: refund.reason } : {}),
    };
    const [kind, detail] = (await this.redis.eval(
      RESERVE_REFUND,
      4,
      keys.payment(paymentId),
      keys.refund(refund.id),
      keys.paymentRefunds(paymentId),
      keys.refundsProcessing,
      refund.id,
      amount ?? '',
      pairs(fields),
      pollAt,
    )) as [string, string];
    if (kind === 'ok') return { kind: 'reserved', amount: Number(detail) };
    if (kind === 'exists') return { kind: 'exists' };
    if (kind === 'not_completed') return { kind: 'not_completed', status: detail };
    return { kind: 'exceeds', left: Math.max(0, Number(detail)) };
  }

  async get(id: string): Promise<RefundRecord | undefined> {
    return refundOf(await this.redis.hgetall(keys.refund(id)));
  }

  async recordGatewayId(id: string, gatewayRefundId: string): Promise<void> {
    await this.redis.hset(keys.refund(id), 'gateway_refund_id', gatewayRefundId);
  }

  /** 1 applied, -1 done already, -2 the payment's `refunded` is not `expectedRefunded` any more. */
  async complete(
    refund: RefundRecord,
    fields: Record<string, string>,
    expectedRefunded: number,
    events: EventEnvelope[],
  ): Promise<number> {
    return (await this.redis.eval(
      COMPLETE_REFUND,
      3,
      keys.refund(refund.id),
      keys.payment(refund.payment_id),
      keys.refundsProcessing,
      pairs(fields),
      expectedRefunded,
      outboxOf(events),
    )) as number;
  }

  async fail(refund: RefundRecord): Promise<void> {
    await this.redis.eval(
      FAIL_REFUND,
      3,
      keys.refund(refund.id),
      keys.payment(refund.payment_id),
      keys.refundsProcessing,
    );
  }

  /** Card refunds `processing` whose time to be asked about has come. */
  dueForPolling(now: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(keys.refundsProcessing, '-inf', now, 'LIMIT', 0, limit);
  }

  async pollLater(id: string, at: number): Promise<void> {
    await this.redis.zadd(keys.refundsProcessing, 'XX', at, id);
  }

  async forgetProcessing(id: string): Promise<void> {
    await this.redis.zrem(keys.refundsProcessing, id);
  }
}
