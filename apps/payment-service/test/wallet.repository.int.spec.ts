import { randomUUID } from 'node:crypto';
import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { startPrivateServer, uniqueTopicPrefix, type PrivateServer } from '@platform/devstack/testing';
import { readTopic } from '@platform/messaging/testing';
import { createLogger, createMetrics, isAppError, runClosers } from '@platform/service-kit';
import { compose } from '../src/compose';
import { loadPaymentServiceConfig } from '../src/config';
import { keys, toHash, type PaymentRecord } from '../src/payments/payment-record';
import { type LedgerEntry } from '../src/wallet/wallet-ledger';

// payment-service composed on a Redis of its own, the outbox relay held back until the Kafka test, so
// the outbox stream still holds every event the wallet appended (the relay deletes what it publishes)
let store: PrivateServer<'redis'>;
let svc: Awaited<ReturnType<typeof compose>>;
const prefix = uniqueTopicPrefix();
const logger = createLogger('payment-service', 'silent');
const metrics = createMetrics('payment-service', { defaults: false });

beforeAll(async () => {
  store = await startPrivateServer('redis');
  const config = loadPaymentServiceConfig({
    ...process.env,
    REDIS_URL: store.url(),
    ORDER_SERVICE_URL: 'http://127.0.0.1:1',
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_POLL_MS: '20',
  });
  svc = await compose({ config, logger, metrics }, { startBackground: false });
});
afterAll(async () => {
  await runClosers(svc.closers, logger);
  await store.dispose();
});

const wallet = () => svc.wallet.port;
const newUser = () => ({ tenant_id: randomUUID(), user_id: randomUUID() });
type User = ReturnType<typeof newUser>;

const record = (user: User, amount: number, more: Partial<PaymentRecord> = {}): PaymentRecord => ({
  id: `pay_${randomUUID()}`,
  purpose: 'order',
  ...user,
  amount,
  currency: 'USD',
  status: 'processing',
  method_type: 'wallet',
  refunded: 0,
  refund_pending: 0,
  created_at: new Date().toISOString(),
  ...more,
});

/** A top-up whose card charge succeeded: the payment as the card port stores it, then the callback. */
async function topUp(user: User, cents: number): Promise<boolean> {
  const p = record(user, cents, { purpose: 'wallet_top_up', method_type: 'credit_card', last4: '4242' });
  await svc.redis.hset(keys.payment(p.id), toHash(p));
  return wallet().completeTopUp(p.id, `ch_${randomUUID()}`, new Date());
}

const payOrder = (user: User, cents: number) =>
  wallet().payOrder({ ...record(user, cents), order_id: randomUUID() }, new Date());

/** The wallet as stored: balance and the ledger, oldest entry first. */
async function stored(user: User) {
  const balance = Number(
    (await svc.redis.hget(keys.wallet(user.tenant_id, user.user_id, 'USD'), 'balance')) ?? 0,
  );
  const raw = await svc.redis.lrange(keys.ledger(user.tenant_id, user.user_id, 'USD'), 0, -1);
  const ledger = raw.map((e) => JSON.parse(e) as LedgerEntry).reverse();
  return { balance, ledger, sum: ledger.reduce((s, e) => s + e.amount, 0) };
}

/** The events in the outbox stream (not yet relayed) about `paymentId`. */
async function outboxEvents(paymentId: string): Promise<EventEnvelope[]> {
  const entries = await svc.redis.xrange(keys.outbox, '-', '+');
  return entries
    .map(([, fields]) => JSON.parse(fields[fields.indexOf('event') + 1]) as EventEnvelope)
    .filter((e) => e.aggregate_id === paymentId);
}

/** `wallet_balance_changes_total{type}` as counted so far. */
async function changes(type: string): Promise<number> {
  const counter = metrics.registry.getSingleMetric('wallet_balance_changes_total');
  const values = (await counter?.get())?.values ?? [];
  return values.find((v) => v.labels.type === type)?.value ?? 0;
}

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' && isAppError(r.reason) ? r.reason.code : r.status;

describe('wallet store (Lua scripts over the real Redis)', () => {
  it('50 concurrent payments against a balance for 10: exactly 10 paid, 40 PAY_002 that wrote nothing, balance 0', async () => {
    const user = newUser();
    expect(await topUp(user, 10 * 1_250)).toBe(true);
    const paymentsCounted = await changes('payment');

    const payments = Array.from({ length: 50 }, () => ({ ...record(user, 1_250), order_id: randomUUID() }));
    const results = await Promise.allSettled(payments.map((p) => wallet().payOrder(p, new Date())));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => codeOf(r) === 'PAY_002')).toHaveLength(40);
    expect((await changes('payment')) - paymentsCounted).toBe(10);
    const { balance, ledger, sum } = await stored(user);
    expect(balance).toBe(0);
    expect(sum).toBe(0);
    expect(ledger).toHaveLength(11);
    expect(Math.min(...ledger.map((e) => e.balance_after))).toBe(0);
    for (const [i, p] of payments.entries()) {
      const paid = results[i].status === 'fulfilled';
      const hash = await svc.redis.hgetall(keys.payment(p.id));
      expect(hash.status).toBe(paid ? 'completed' : undefined);
      expect((await outboxEvents(p.id)).map((e) => e.event_type)).toEqual(paid ? ['PaymentCompleted'] : []);
    }
    const short = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(short.reason).toMatchObject({ status: 400, details: { balance: 0, amount: 12.5 } });
  });

  it('after a random mix of concurrent top-ups, payments and refunds the balance is the sum of the ledger', async () => {
    const user = newUser();
    const cents = () => 100 + Math.floor(Math.random() * 5_000);
    await topUp(user, 20_000);

    const first = await Promise.allSettled([
      ...Array.from({ length: 15 }, () => topUp(user, cents())),
      ...Array.from({ length: 30 }, () => payOrder(user, cents())),
    ]);
    const paid = first.flatMap((r) =>
      r.status === 'fulfilled' && typeof r.value === 'object' ? [r.value] : [],
    );
    expect(paid.length).toBeGreaterThan(0);
    // refunds (some partial, some asked twice, some more than is left) while paying and topping up goes on
    const refunds = paid.flatMap((p) => {
      const part = { id: `re_${randomUUID()}`, amount: Math.ceil(p.amount / 2), cause: 'requested' as const };
      return [part, part, { id: `re_${randomUUID()}`, amount: p.amount, cause: 'requested' as const }].map(
        (r) => () => wallet().refundToWallet(p.id, r, new Date()),
      );
    });
    const second = await Promise.allSettled([
      ...refunds.map((refund) => refund()),
      ...Array.from({ length: 15 }, () => payOrder(user, cents())),
      ...Array.from({ length: 10 }, () => topUp(user, cents())),
    ]);
    // half and all of one payment cannot both go back: one of the two is refused
    expect(second.filter((r) => codeOf(r) === 'PAY_004').length).toBeGreaterThanOrEqual(paid.length);
    const outcomes = new Set([...first, ...second].map(codeOf));
    expect([...outcomes].every((c) => ['fulfilled', 'PAY_002', 'PAY_004'].includes(c))).toBe(true);

    const { balance, ledger, sum } = await stored(user);
    expect(balance).toBe(sum);
    let running = 0;
    for (const entry of ledger) {
      running += entry.amount;
      expect(entry.balance_after).toBe(running);
      expect(entry.balance_after).toBeGreaterThanOrEqual(0);
    }
    // no payment got more back than it cost, and each refund id was credited once
    for (const p of paid) {
      const hash = await svc.redis.hgetall(keys.payment(p.id));
      const back = ledger.filter((e) => e.type === 'refund' && e.payment_id === p.id);
      expect(Number(hash.refunded)).toBe(back.reduce((s, e) => s + e.amount, 0));
      expect(Number(hash.refunded)).toBeLessThanOrEqual(p.amount);
      expect(new Set(back.map((e) => e.refund_id)).size).toBe(back.length);
    }
  });

  it('one refund id given twice (at once) credits once, with one refund record and one PaymentRefunded', async () => {
    const user = newUser();
    await topUp(user, 5_000);
    const payment = await payOrder(user, 3_000);
    const refund = {
      id: `re_${randomUUID()}`,
      amount: 3_000,
      cause: 'order_cancelled' as const,
      reason: 'Order cancelled',
    };

    const applied = await Promise.all([
      wallet().refundToWallet(payment.id, refund, new Date()),
      wallet().refundToWallet(payment.id, refund, new Date()),
    ]);
    expect(applied.sort()).toEqual([false, true]);
    expect(await wallet().refundToWallet(payment.id, refund, new Date())).toBe(false);

    const { balance, sum } = await stored(user);
    expect(balance).toBe(5_000);
    expect(sum).toBe(5_000);
    expect(await svc.redis.hgetall(keys.payment(payment.id))).toMatchObject({
      status: 'refunded',
      refunded: '3000',
    });
    expect(await svc.redis.lrange(keys.paymentRefunds(payment.id), 0, -1)).toEqual([refund.id]);
    expect(await svc.redis.hgetall(keys.refund(refund.id))).toMatchObject({
      status: 'completed',
      amount: '3000',
      cause: 'order_cancelled',
    });
    const events = await outboxEvents(payment.id);
    expect(events.map((e) => e.event_type)).toEqual(['PaymentCompleted', 'PaymentRefunded']);
    expect(events[1].data).toMatchObject({
      refund_id: refund.id,
      amount: 30,
      refunded_total: 30,
      cause: 'order_cancelled',
    });

    // nothing is left to give back
    await expect(
      wallet().refundToWallet(
        payment.id,
        { id: `re_${randomUUID()}`, amount: 1, cause: 'requested' },
        new Date(),
      ),
    ).rejects.toMatchObject({ code: 'PAY_004' });
  });

  it('a refund reserved first (processing, in refund_pending) is applied once and gives its reservation back', async () => {
    const user = newUser();
    await topUp(user, 4_000);
    const payment = await payOrder(user, 4_000);
    // as the payments component reserves a refund: the refund processing, its cents pending on the payment
    const reserved = { id: `re_${randomUUID()}`, amount: 1_500, cause: 'requested' as const };
    await svc.redis.hset(keys.refund(reserved.id), { id: reserved.id, status: 'processing', amount: 1_500 });
    await svc.redis.hincrby(keys.payment(payment.id), 'refund_pending', 1_500);

    // what is reserved for it is not handed to another refund
    await expect(
      wallet().refundToWallet(
        payment.id,
        { id: `re_${randomUUID()}`, amount: 3_000, cause: 'requested' },
        new Date(),
      ),
    ).rejects.toMatchObject({ code: 'PAY_004', details: { reason: 'exceeds_remaining', remaining: 25 } });
    expect(await wallet().refundToWallet(payment.id, reserved, new Date())).toBe(true);
    expect(await wallet().refundToWallet(payment.id, reserved, new Date())).toBe(false);

    expect(await svc.redis.hgetall(keys.payment(payment.id))).toMatchObject({
      status: 'completed',
      refunded: '1500',
      refund_pending: '0',
    });
    expect(await svc.redis.hget(keys.refund(reserved.id), 'status')).toBe('completed');
    const { balance, sum } = await stored(user);
    expect([balance, sum]).toEqual([1_500, 1_500]);
  });

  it('a replayed top-up callback credits once; a payment id paid already is PAY_003 without a second debit', async () => {
    const user = newUser();
    const p = record(user, 2_000, { purpose: 'wallet_top_up', method_type: 'credit_card' });
    await svc.redis.hset(keys.payment(p.id), toHash(p));
    const callbacks = await Promise.all(
      [1, 2, 3].map(() => wallet().completeTopUp(p.id, 'ch_1', new Date())),
    );
    expect(callbacks.filter(Boolean)).toHaveLength(1);
    expect(await wallet().completeTopUp(`pay_${randomUUID()}`, 'ch_2', new Date())).toBe(false);

    const order = { ...record(user, 500), order_id: randomUUID() };
    await wallet().payOrder(order, new Date());
    await expect(wallet().payOrder(order, new Date())).rejects.toMatchObject({ code: 'PAY_003' });
    const { balance, ledger } = await stored(user);
    expect(balance).toBe(1_500);
    expect(ledger.map((e) => [e.type, e.amount, e.balance_after])).toEqual([
      ['top_up', 2_000, 2_000],
      ['payment', -500, 1_500],
    ]);
    expect(await svc.redis.hgetall(keys.payment(p.id))).toMatchObject({
      status: 'completed',
      transaction_id: 'ch_1',
    });
  });

  it('the relay publishes each wallet event to payment.events once', async () => {
    const user = newUser();
    await topUp(user, 1_000);
    const payment = await payOrder(user, 1_000);
    const refund = { id: `re_${randomUUID()}`, amount: 400, cause: 'requested' as const };
    await wallet().refundToWallet(payment.id, refund, new Date());
    await wallet().refundToWallet(payment.id, refund, new Date());
    const appended = await outboxEvents(payment.id);
    expect(appended.map((e) => e.event_type)).toEqual(['PaymentCompleted', 'PaymentRefunded']);

    await svc.startBackground();
    const ofPayment = (messages: { json<T>(): T }[]) =>
      messages.map((m) => m.json<EventEnvelope>()).filter((e) => e.aggregate_id === payment.id);
    const published = ofPayment(
      await readTopic(`${prefix}${TOPICS.paymentEvents}`, (ms) => ofPayment(ms).length >= 2),
    );
    expect(published.map((e) => e.event_id)).toEqual(appended.map((e) => e.event_id));
    expect(published[0].data).toMatchObject({
      payment_id: payment.id,
      order_id: payment.order_id,
      amount: 10,
      transaction_id: `wallet_${payment.id}`,
      payment_method: { type: 'wallet' },
    });
  });
});
