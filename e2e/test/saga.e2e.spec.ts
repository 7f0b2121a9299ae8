import { readFileSync } from 'node:fs';
import { signWebhook } from '@platform/auth';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import {
  eventually,
  PAYMENT_GATEWAY_DEV_SECRET,
  TEST_CARDS,
  type CardOutcome,
} from '@platform/devstack/testing';
import Redis from 'ioredis';
import { eventsOf, eventsSoFar, settledMailsAbout } from './saga/observe';
import { card, shopper } from './saga/shop';
import { startSagaStack, type SagaStack } from './saga/stack';
import { trainingDataOf } from './saga/training-data';

const numberOf = (outcome: CardOutcome) => Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === outcome)!;
const APPROVED = numberOf('approved');
const DECLINED = numberOf('insufficient_funds');
const codeOf = (res: { body: unknown }) => ErrorEnvelopeSchema.parse(res.body).error.code;

/**
 * Flow 2 of docs/architecture.md across the six services as processes: order → payment → gateway
 * callback → PaymentCompleted | PaymentFailed → order confirmed or failed → mails; cancel → refund.
 */
describe('the order saga, end to end', () => {
  let stack: SagaStack;
  let shop: ReturnType<typeof shopper>;
  let redis: Redis;

  beforeAll(async () => {
    stack = await startSagaStack();
    shop = shopper(stack);
    redis = new Redis(stack.paymentsRedis.url());
  }, 300_000);
  afterAll(async () => {
    redis?.disconnect();
    await stack?.stop();
  }, 120_000);

  const completedFor = (paymentId: string) =>
    eventsOf(stack.topics.payments, 'PaymentCompleted', (e) => e.data.payment_id === paymentId);
  const ofOrder = (orderId: string) => (e: { data: { order_id: string } }) => e.data.order_id === orderId;
  const chargesAtGateway = async () =>
    ((await (await fetch(`${stack.gateway.url}/__control`)).json()) as { charges: number }).charges;

  it('pays by card: gateway callback → PaymentCompleted → order confirmed → OrderConfirmed → one receipt', async () => {
    const { buyer, itemId, title } = await shop.newShop({ price: 12.5, stock: 5 });
    const order = await shop.createOrder(buyer.token, itemId, 2);
    expect(order).toMatchObject({ status: 'pending', totalAmount: 25 });
    await eventsOf(stack.topics.orders, 'OrderCreated', ofOrder(order.id));

    const payment = await shop.payAccepted(buyer.token, order, card(APPROVED));
    expect(payment).toMatchObject({ status: 'processing', orderId: order.id, amount: 25 });
    expect(payment.paymentMethod).toEqual({ type: 'credit_card', brand: 'visa', last4: APPROVED.slice(-4) });

    const confirmed = await shop.orderReaches(buyer.token, order.id, 'confirmed');
    expect(confirmed.paymentId).toBe(payment.id);
    const [completed, ...moreCompleted] = await completedFor(payment.id);
    expect(moreCompleted).toEqual([]);
    expect(completed.data).toMatchObject({ order_id: order.id, user_id: buyer.userId, amount: 25 });
    const orderConfirmed = await eventsOf(stack.topics.orders, 'OrderConfirmed', ofOrder(order.id));
    expect(orderConfirmed).toHaveLength(1);
    expect(orderConfirmed[0].data).toMatchObject({
      payment_id: payment.id,
      total_amount: 25,
      payment_method: { type: 'credit_card', last4: APPROVED.slice(-4) },
      items: [{ product_id: itemId, name: expect.stringMatching(/^Saga game /), quantity: 2, price: 12.5 }],
    });
    const paid = await shop.readPayment(buyer.token, payment.id);
    expect(paid).toMatchObject({ status: 'completed', transactionId: expect.any(String) });
    expect(paid.completedAt).toEqual(expect.any(String));

    const mails = await settledMailsAbout(stack, buyer.email, order.id);
    expect(mails).toHaveLength(1);
    // the receipt: lines, total and the card's last four digits
    expect(mails[0].text).toContain(`2 x ${title}`);
    expect(mails[0].text).toContain('$25.00');
    expect(mails[0].text).toContain(APPROVED.slice(-4));
    expect(JSON.stringify(mails)).not.toContain(APPROVED);
  });

  it("a confirmed order's line becomes a purchase in data-pipeline's training data, the shop's item one of its items", async () => {
    const { tenantId, buyer, itemId, title } = await shop.newShop({ price: 8, stock: 5 });
    const order = await shop.createOrder(buyer.token, itemId, 3);
    await shop.payAccepted(buyer.token, order, card(APPROVED));
    await shop.orderReaches(buyer.token, order.id, 'confirmed');

    let data = await trainingDataOf(stack.dataStoreDir, tenantId);
    await eventually(
      async () => {
        data = await trainingDataOf(stack.dataStoreDir, tenantId);
        return data.interactions.length > 0 && data.items.length > 0;
      },
      { what: `the purchase and the item in tenant ${tenantId}'s training data`, timeoutMs: 30_000 },
    );
    // one line, one purchase (quantity is not a row count), labelled as the strongest signal
    expect(data.interactions).toEqual([
      expect.objectContaining({
        user_id: buyer.userId,
        item_id: itemId,
        interaction_type: 'purchase',
        label: 1,
      }),
    ]);
    expect(data.items).toEqual([expect.objectContaining({ item_id: itemId, title })]);
  });

  it('pays from the wallet after a card top-up: confirmed, the balance debited, one receipt', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 20, stock: 3 });
    const topUp = await shop.topUp(buyer.token, 50, card(APPROVED));
    expect(topUp.status).toBe(201);
    await eventually(async () => (await shop.wallet(buyer.token)).balance === 50, {
      what: 'the top-up credited',
      timeoutMs: 30_000,
    });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    const payment = await shop.payAccepted(buyer.token, order, { type: 'wallet' });

    await shop.orderReaches(buyer.token, order.id, 'confirmed');
    expect(await completedFor(payment.id)).toHaveLength(1);
    const wallet = await shop.wallet(buyer.token);
    expect(wallet.balance).toBe(30);
    expect(wallet.transactions.map((t) => t.amount).sort((a, b) => a - b)).toEqual([-20, 50]);
    expect(await settledMailsAbout(stack, buyer.email, order.id)).toHaveLength(1);
  });

  it('a declined card fails the order (PaymentFailed), gives the stock back and sends one mail', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 10, stock: 4 });
    const order = await shop.createOrder(buyer.token, itemId, 3);
    expect(await shop.stockOf(buyer.token, itemId)).toBe(1);
    const payment = await shop.payAccepted(buyer.token, order, card(DECLINED));

    await shop.orderReaches(buyer.token, order.id, 'failed');
    await eventually(async () => (await shop.stockOf(buyer.token, itemId)) === 4, { what: 'the stock back' });
    const failed = await eventsOf(
      stack.topics.payments,
      'PaymentFailed',
      (e) => e.data.payment_id === payment.id,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toMatchObject({ order_id: order.id, error_code: 'INSUFFICIENT_FUNDS' });
    expect(await shop.readPayment(buyer.token, payment.id)).toMatchObject({ status: 'failed' });
    const mails = await settledMailsAbout(stack, buyer.email, order.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(failed[0].data.reason); // what the buyer can do about it
  });

  it('cancelling a paid order refunds it (OrderCancelled → PaymentRefunded): cancelled, stock back, one mail', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 15, stock: 2 });
    const order = await shop.createOrder(buyer.token, itemId, 2);
    const payment = await shop.payAccepted(buyer.token, order, card(APPROVED));
    await shop.orderReaches(buyer.token, order.id, 'confirmed');
    const receipt = await settledMailsAbout(stack, buyer.email, order.id);
    expect(receipt).toHaveLength(1);

    const cancel = await shop.cancel(buyer.token, order.id);
    expect([cancel.status, cancel.body.status]).toEqual([200, 'cancelled']);
    const cancelled = await eventsOf(stack.topics.orders, 'OrderCancelled', ofOrder(order.id));
    expect(cancelled.map((e) => e.data)).toEqual([
      expect.objectContaining({ previous_status: 'confirmed', payment_id: payment.id }),
    ]);
    const refunded = await eventsOf(
      stack.topics.payments,
      'PaymentRefunded',
      (e) => e.data.payment_id === payment.id,
    );
    expect(refunded).toHaveLength(1);
    expect(refunded[0].data).toMatchObject({ order_id: order.id, amount: 30, refunded_total: 30 });
    await eventually(async () => (await shop.readPayment(buyer.token, payment.id)).status === 'refunded', {
      what: 'the payment refunded',
    });
    expect((await shop.readOrder(buyer.token, order.id)).status).toBe('cancelled');
    expect(await shop.stockOf(buyer.token, itemId)).toBe(2);
    const mails = await settledMailsAbout(stack, buyer.email, order.id, 2);
    const cancelMails = mails.filter((m) => m.id !== receipt[0].id);
    expect(cancelMails).toHaveLength(1);
    expect(cancelMails[0].text).toContain('$30.00');
  });

  it('two payments for one order at once: one is charged (PAY_003 for the other), one PaymentCompleted', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 9, stock: 5 });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    const before = await chargesAtGateway();
    const answers = await Promise.all([
      shop.pay(buyer.token, order, card(APPROVED)),
      shop.pay(buyer.token, order, card(APPROVED)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(codeOf(answers.find((a) => a.status === 409)!)).toBe('PAY_003');
    const paymentId = (answers.find((a) => a.status === 201)!.body as { id: string }).id;

    await shop.orderReaches(buyer.token, order.id, 'confirmed');
    expect(await chargesAtGateway()).toBe(before + 1);
    expect(await completedFor(paymentId)).toHaveLength(1);
    expect(await eventsSoFar(stack.topics.payments, 'PaymentCompleted', ofOrder(order.id))).toHaveLength(1);
  });

  it('the same gateway webhook delivered three times has one effect (409 for the replays)', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 11, stock: 5 });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    const payment = await shop.payAccepted(buyer.token, order, card(APPROVED));
    await shop.orderReaches(buyer.token, order.id, 'confirmed');
    const delivered = stack.gateway.callbacks.delivered.find(
      (e) => (e.metadata as { payment_id?: string } | undefined)?.payment_id === payment.id,
    );
    expect(delivered).toMatchObject({ type: 'charge.succeeded' });

    // the provider retries when it missed our answer: the same event, signed again at delivery
    const replay = () => {
      const raw = JSON.stringify(delivered);
      const timestamp = String(Math.floor(Date.now() / 1000));
      return fetch(`${stack.url('payment-service')}/api/webhooks/payment-gateway`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-gateway-timestamp': timestamp,
          'x-gateway-signature': signWebhook(PAYMENT_GATEWAY_DEV_SECRET, timestamp, raw),
        },
        body: raw,
      });
    };
    expect((await Promise.all([replay(), replay()])).map((r) => r.status)).toEqual([409, 409]);

    expect(await completedFor(payment.id)).toHaveLength(1);
    expect(await eventsOf(stack.topics.orders, 'OrderConfirmed', ofOrder(order.id))).toHaveLength(1);
    expect(await settledMailsAbout(stack, buyer.email, order.id)).toHaveLength(1);
  });

  it('payment-service killed (kill -9) between the gateway callback and the publish: the event goes out once', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 13, stock: 5 });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    // a relay that looks at its outbox only every ten minutes: the event waits in the stream
    await stack.service('payment-service').stop();
    await stack.start('payment-service', { OUTBOX_POLL_MS: '600000' });
    const payment = await shop.payAccepted(buyer.token, order, card(APPROVED));

    await eventually(async () => (await shop.readPayment(buyer.token, payment.id)).status === 'completed', {
      what: 'the callback applied',
      timeoutMs: 30_000,
    });
    const waiting = await redis.xrange('payment-service:outbox', '-', '+');
    expect(waiting.some(([, fields]) => fields.join(' ').includes(payment.id))).toBe(true);
    expect(
      await eventsSoFar(stack.topics.payments, 'PaymentCompleted', (e) => e.data.payment_id === payment.id),
    ).toEqual([]);

    const crashed = stack.service('payment-service');
    await crashed.kill();
    expect(crashed.alive()).toBe(false);
    await stack.start('payment-service');

    await shop.orderReaches(buyer.token, order.id, 'confirmed', 60_000);
    expect(await completedFor(payment.id)).toHaveLength(1);
    await eventually(async () => (await redis.xlen('payment-service:outbox')) === 0, {
      what: 'the outbox drained',
    });
    expect(await completedFor(payment.id)).toHaveLength(1);
    expect(await settledMailsAbout(stack, buyer.email, order.id)).toHaveLength(1);
  });

  it('order-service down: POST /api/payments is 503 once the breaker is open, and succeeds after it returns', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 8, stock: 5 });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    await stack.service('order-service').stop();

    // each try is a real payment attempt that fails on the order check (nothing is charged)
    await eventually(
      async () => {
        const res = await shop.pay(buyer.token, order, card(APPROVED));
        return res.status === 503 && (await shop.breakerStatus()).order_service.state === 'open';
      },
      { what: 'the breaker to order-service open', timeoutMs: 30_000, intervalMs: 50 },
    );
    const refused = await shop.pay(buyer.token, order, card(APPROVED));
    expect([refused.status, codeOf(refused)]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect((await shop.breakerStatus()).order_service.state).toBe('open');

    await stack.start('order-service');
    let accepted: { status: number; body: { id?: string } } | undefined;
    await eventually(
      async () => {
        accepted = await shop.pay(buyer.token, order, card(APPROVED));
        return accepted.status === 201;
      },
      { what: 'a payment accepted again', timeoutMs: 30_000, intervalMs: 250 },
    );
    await shop.orderReaches(buyer.token, order.id, 'confirmed');
    expect(await completedFor(accepted!.body.id!)).toHaveLength(1);
  });

  it('no card number in payment-service’s logs or in anything it keeps in Redis', async () => {
    const numbers = [APPROVED, DECLINED];
    const log = readFileSync(stack.service('payment-service').log, 'utf8');
    expect(log.length).toBeGreaterThan(0);
    for (const n of numbers) expect(log).not.toContain(n);
    const stored: string[] = [];
    for (const key of await redis.keys('*')) {
      const type = await redis.type(key);
      stored.push(key);
      if (type === 'string') stored.push((await redis.get(key)) ?? '');
      if (type === 'hash') stored.push(JSON.stringify(await redis.hgetall(key)));
      if (type === 'list') stored.push(...(await redis.lrange(key, 0, -1)));
      if (type === 'zset') stored.push(...(await redis.zrange(key, 0, -1)));
      if (type === 'stream') stored.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    expect(stored.length).toBeGreaterThan(0);
    for (const n of numbers) expect(stored.join('\n')).not.toContain(n);
  });
});
