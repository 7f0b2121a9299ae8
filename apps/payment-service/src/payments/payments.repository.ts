import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { outboxCommands } from '@platform/messaging';
import type Redis from 'ioredis';
import { fromHash, keys, toHash, type PaymentRecord } from './payment-record';
import { CREATE_FOR_ORDER, FAIL_QUIETLY, SETTLE } from './payment-scripts';

const pairs = (fields: Record<string, string>) => JSON.stringify(Object.entries(fields).flat());
export const outboxOf = (events: EventEnvelope[]) =>
  JSON.stringify(outboxCommands(keys.outbox, TOPICS.paymentEvents, events));

/** An Idempotency-Key's stored value: the request it was used with, and the payment it made. */
export interface IdempotencyRecord {
  body_hash: string;
  payment_id: string;
}
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export type CreateOutcome =
  { kind: 'created' } | { kind: 'replay'; seen: IdempotencyRecord } | { kind: 'taken'; paymentId: string };

/** The only code that knows how payments sit in Redis (payment-record.ts has the layout). */
export class PaymentsRepository {
  constructor(private readonly redis: Redis) {}

  /**
   * Stores a new order payment and claims its order in one step: the second payment of an order (even
   * at the same instant) is `taken`; a used Idempotency-Key is a `replay`.
   */
  async createForOrder(
    p: PaymentRecord & { order_id: string },
    /** `idempotency.key`: the Redis key of the Idempotency-Key (keys.idempotency). */
    opts: { pollAt?: number; idempotency?: { key: string; bodyHash: string } },
  ): Promise<CreateOutcome> {
    const idem = opts.idempotency;
    const idemKey = idem ? idem.key : keys.payment(p.id);
    const value = idem ? JSON.stringify({ body_hash: idem.bodyHash, payment_id: p.id }) : '';
    const [kind, detail] = (await this.redis.eval(
      CREATE_FOR_ORDER,
      5,
      keys.payment(p.id),
      keys.orderPayment(p.order_id),
      keys.userPayments(p.tenant_id, p.user_id),
      keys.processing,
      idemKey,
      pairs(toHash(p)),
      Date.parse(p.created_at),
      opts.pollAt ?? '',
      p.id,
      value,
      IDEMPOTENCY_TTL_SECONDS,
    )) as [string, string?];
    if (kind === 'idem') return { kind: 'replay', seen: JSON.parse(detail!) as IdempotencyRecord };
    if (kind === 'taken') return { kind: 'taken', paymentId: detail! };
    return { kind: 'created' };
  }

  /** A payment with no order (a wallet top-up), with any keys the caller writes beside it. */
  async createWithoutOrder(p: PaymentRecord, pollAt: number, extra: Record<string, string> = {}) {
    const tx = this.redis
      .multi()
      .hset(keys.payment(p.id), toHash(p))
      .zadd(keys.userPayments(p.tenant_id, p.user_id), Date.parse(p.created_at), p.id)
      .zadd(keys.processing, pollAt, p.id);
    for (const [k, v] of Object.entries(extra)) tx.set(k, v);
    await tx.exec();
  }

  async idempotency(tenantId: string, userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const raw = await this.redis.get(keys.idempotency(tenantId, userId, key));
    return raw ? (JSON.parse(raw) as IdempotencyRecord) : undefined;
  }

  async get(id: string): Promise<PaymentRecord | undefined> {
    return fromHash(await this.redis.hgetall(keys.payment(id)));
  }

  /** The user's payments, newest first. */
  async listForUser(tenantId: string, userId: string, limit: number, offset: number) {
    const key = keys.userPayments(tenantId, userId);
    const [ids, total] = await Promise.all([
      this.redis.zrevrange(key, offset, offset + limit - 1),
      this.redis.zcard(key),
    ]);
    const tx = this.redis.multi();
    for (const id of ids) tx.hgetall(keys.payment(id));
    const rows = ids.length ? ((await tx.exec()) ?? []) : [];
    const payments = rows
      .map(([, h]) => fromHash(h as Record<string, string>))
      .filter((p): p is PaymentRecord => !!p);
    return { payments, total };
  }

  /** What the gateway answered for a charge (its id, the card's token and brand). */
  async recordCharge(id: string, fields: Partial<Record<keyof PaymentRecord, string>>): Promise<void> {
    await this.redis.hset(keys.payment(id), fields);
  }

  /**
   * The payment went nowhere: failed without an event, its order and Idempotency-Key (its Redis key)
   * released.
   */
  async failQuietly(
    p: PaymentRecord,
    failure: { errorCode: string; reason: string; at: Date },
    idempotencyKey?: string,
  ): Promise<boolean> {
    const self = keys.payment(p.id);
    const fields = {
      status: 'failed',
      error_code: failure.errorCode,
      failure_reason: failure.reason,
      failed_at: failure.at.toISOString(),
    };
    const done = await this.redis.eval(
      FAIL_QUIETLY,
      4,
      self,
      p.order_id ? keys.orderPayment(p.order_id) : self,
      keys.processing,
      idempotencyKey ?? self,
      p.id,
      pairs(fields),
    );
    return done === 1;
  }

  /**
   * The charge's outcome with its events, only while the payment is `processing`:
   * `stale` when it was settled already, `refund-due` when its order closed meanwhile.
   */
  async settle(
    p: PaymentRecord,
    fields: Record<string, string>,
    events: EventEnvelope[],
    at: Date,
  ): Promise<'applied' | 'stale' | 'refund-due'> {
    const self = keys.payment(p.id);
    const result = await this.redis.eval(
      SETTLE,
      4,
      self,
      keys.processing,
      p.order_id ? keys.orderClosed(p.order_id) : self,
      keys.refundDue,
      p.id,
      pairs(fields),
      outboxOf(events),
      at.getTime(),
    );
    return result === -1 ? 'stale' : result === 2 ? 'refund-due' : 'applied';
  }

  /** Payments `processing` whose time to be asked about has come. */
  dueForPolling(now: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(keys.processing, '-inf', now, 'LIMIT', 0, limit);
  }

  async pollLater(id: string, at: number): Promise<void> {
    await this.redis.zadd(keys.processing, 'XX', at, id);
  }

  async forgetProcessing(id: string): Promise<void> {
    await this.redis.zrem(keys.processing, id);
  }

  refundsDue(limit: number): Promise<string[]> {
    return this.redis.zrange(keys.refundDue, 0, limit - 1);
  }

  async refundQueued(id: string): Promise<void> {
    await this.redis.zrem(keys.refundDue, id);
  }

  async orderClosed(orderId: string): Promise<boolean> {
    return (await this.redis.exists(keys.orderClosed(orderId))) === 1;
  }

  /**
   * Marks the order closed (cancelled or expired) and answers the payment holding it, in one step: a
   * charge completing later sees the mark in its own write (SETTLE), so one of the two refunds it.
   */
  async closeOrder(orderId: string): Promise<string | undefined> {
    const res = await this.redis
      .multi()
      .set(keys.orderClosed(orderId), '1', 'EX', 30 * 24 * 3600)
      .get(keys.orderPayment(orderId))
      .exec();
    return (res?.[1]?.[1] as string | null) ?? undefined;
  }
}
