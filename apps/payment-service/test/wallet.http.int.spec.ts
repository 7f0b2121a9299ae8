import {
  PaymentResponseSchema,
  WalletResponseSchema,
  type PaymentResponse,
  type WalletResponse,
} from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { readTopic } from '@platform/messaging/testing';
import request from 'supertest';
import { keys } from '../src/payments/payment-record';
import { bearer, card, startPaymentService, type PaymentService } from './harness';

let svc: PaymentService;
beforeAll(async () => {
  svc = await startPaymentService();
}, 120_000);
afterAll(() => svc?.stop());

const readWallet = async (token: string): Promise<WalletResponse> => {
  const res = await request(svc.app).get('/api/wallet?currency=USD').set(bearer(token)).expect(200);
  return WalletResponseSchema.parse(res.body);
};

const topUp = async (token: string, amount: number, cardNumber?: string): Promise<PaymentResponse> => {
  const res = await request(svc.app)
    .post('/api/wallet/top-up')
    .set(bearer(token))
    .send({ amount, currency: 'USD', paymentMethod: card(cardNumber) });
  expect(res.status).toBe(201);
  expect(JSON.stringify(res.body)).not.toContain(cardNumber ?? '4242424242424242');
  return PaymentResponseSchema.parse(res.body);
};

/** A top-up and the gateway's callback that completes it. */
async function toppedUp(token: string, amount: number) {
  const payment = await topUp(token, amount);
  await eventually(async () => (await readWallet(token)).balance > 0, { what: 'the top-up credited' });
  return payment;
}

describe('wallet over HTTP', () => {
  it('a card top-up is processing, then the gateway callback credits the wallet with a top_up entry', async () => {
    const shop = await svc.newShopWithItem();
    const payment = await topUp(shop.buyer.token, 50);
    expect(payment).toMatchObject({
      purpose: 'wallet_top_up',
      status: 'processing',
      amount: 50,
      userId: shop.buyer.userId,
      paymentMethod: { type: 'credit_card', last4: '4242' },
    });
    expect(payment.orderId).toBeUndefined();

    await eventually(async () => (await readWallet(shop.buyer.token)).balance === 50, {
      what: 'the wallet credited after the callback',
    });
    expect(await readWallet(shop.buyer.token)).toMatchObject({
      userId: shop.buyer.userId,
      currency: 'USD',
      balance: 50,
      transactions: [{ type: 'top_up', amount: 50, balanceAfter: 50, paymentId: payment.id }],
    });
    expect(await svc.redis.hget(keys.payment(payment.id), 'status')).toBe('completed');
  });

  it('a declined card’s top-up fails and credits nothing', async () => {
    const shop = await svc.newShopWithItem();
    const payment = await topUp(shop.buyer.token, 30, '4000000000009995');
    await eventually(async () => (await svc.redis.hget(keys.payment(payment.id), 'status')) === 'failed', {
      what: 'the declined top-up failed',
    });
    expect(await readWallet(shop.buyer.token)).toMatchObject({ balance: 0, transactions: [] });
  });

  it('a bad card is PAY_001 naming the field; a bad amount VALIDATION_ERROR; no token 401', async () => {
    const shop = await svc.newShopWithItem();
    const send = (body: object, token?: string) => {
      const req = request(svc.app).post('/api/wallet/top-up');
      return (token ? req.set(bearer(token)) : req).send(body);
    };
    const badNumber = await send(
      { amount: 10, currency: 'USD', paymentMethod: card('4242424242424241') },
      shop.buyer.token,
    );
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error).toMatchObject({
      code: 'PAY_001',
      details: { field: 'paymentMethod.cardNumber' },
    });
    const badCvv = await send(
      { amount: 10, currency: 'USD', paymentMethod: { ...card(), cvv: '12' } },
      shop.buyer.token,
    );
    expect(badCvv.body.error).toMatchObject({ code: 'PAY_001', details: { field: 'paymentMethod.cvv' } });
    const badAmount = await send({ amount: 0, currency: 'USD', paymentMethod: card() }, shop.buyer.token);
    expect(badAmount.status).toBe(400);
    expect(badAmount.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'amount' } });
    // the documented maximum (contracts/openapi: 10000) is the one enforced
    const tooMuch = await send(
      { amount: 10_000.01, currency: 'USD', paymentMethod: card() },
      shop.buyer.token,
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'amount' } });
    expect((await send({ amount: 10, currency: 'USD', paymentMethod: card() })).status).toBe(401);
    expect((await request(svc.app).get('/api/wallet')).status).toBe(401);
    expect(await readWallet(shop.buyer.token)).toMatchObject({ balance: 0, transactions: [] });
  });

  it('an order paid from the wallet is confirmed by order-service and the balance goes down', async () => {
    const shop = await svc.newShopWithItem(25.99);
    await toppedUp(shop.buyer.token, 100);
    const order = await svc.createOrder(shop.buyer.token, shop.itemId);

    const res = await request(svc.app)
      .post('/api/payments')
      .set(bearer(shop.buyer.token))
      .send({
        orderId: order.id,
        amount: order.totalAmount,
        currency: order.currency,
        paymentMethod: { type: 'wallet' },
      });
    expect(res.status).toBe(201);
    const payment = PaymentResponseSchema.parse(res.body);
    // the wallet pays at once: no gateway, no callback
    expect(payment).toMatchObject({
      orderId: order.id,
      status: 'completed',
      transactionId: `wallet_${payment.id}`,
      paymentMethod: { type: 'wallet' },
    });

    await eventually(async () => (await svc.readOrder(shop.buyer.token, order.id)).status === 'confirmed', {
      what: 'the order confirmed',
    });
    const wallet = await readWallet(shop.buyer.token);
    expect(wallet.balance).toBe(74.01);
    expect(wallet.transactions[0]).toMatchObject({
      type: 'payment',
      amount: -25.99,
      balanceAfter: 74.01,
      paymentId: payment.id,
    });
  });

  it('refunds of a wallet payment go back to the wallet: an admin’s partial refund, then the rest when the order is cancelled', async () => {
    const shop = await svc.newShopWithItem(25.99);
    await toppedUp(shop.buyer.token, 100);
    const order = await svc.createOrder(shop.buyer.token, shop.itemId);
    const paid = await request(svc.app)
      .post('/api/payments')
      .set(bearer(shop.buyer.token))
      .send({ orderId: order.id, amount: 25.99, currency: 'USD', paymentMethod: { type: 'wallet' } })
      .expect(201);
    const paymentId = (paid.body as PaymentResponse).id;
    await eventually(async () => (await svc.readOrder(shop.buyer.token, order.id)).status === 'confirmed', {
      what: 'the order confirmed',
    });

    const refund = await request(svc.app)
      .post(`/api/payments/${paymentId}/refund`)
      .set(bearer(shop.token))
      .send({ amount: 5.99, reason: 'goodwill' });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ paymentId, amount: 5.99, status: 'completed' });
    expect((await readWallet(shop.buyer.token)).transactions[0]).toMatchObject({
      type: 'refund',
      amount: 5.99,
      balanceAfter: 80,
      paymentId,
    });

    // OrderCancelled → payment-service refunds what is left, to the wallet
    await request(svc.orders.url)
      .post(`/api/orders/${order.id}/cancel`)
      .set(bearer(shop.buyer.token))
      .expect(200);
    await eventually(async () => (await readWallet(shop.buyer.token)).balance === 100, {
      what: 'the rest refunded to the wallet',
    });
    const wallet = await readWallet(shop.buyer.token);
    expect(wallet.transactions.map((t) => [t.type, t.amount])).toEqual([
      ['refund', 20],
      ['refund', 5.99],
      ['payment', -25.99],
      ['top_up', 100],
    ]);
    expect(await svc.redis.hget(keys.payment(paymentId), 'status')).toBe('refunded');
    const refundsOf = (msgs: { json<T>(): T }[]) =>
      msgs
        .map((m) => m.json<{ event_type: string; aggregate_id: string; data: { cause: string } }>())
        .filter((e) => e.event_type === 'PaymentRefunded' && e.aggregate_id === paymentId);
    const refunded = refundsOf(await readTopic(svc.topics.payments, (msgs) => refundsOf(msgs).length >= 2));
    expect(refunded.map((e) => e.data.cause)).toEqual(['requested', 'order_cancelled']);
    const latest = await request(svc.app)
      .get('/api/wallet?limit=2')
      .set(bearer(shop.buyer.token))
      .expect(200);
    expect((latest.body as WalletResponse).transactions.map((t) => t.amount)).toEqual([20, 5.99]);
    const badLimit = await request(svc.app).get('/api/wallet?limit=0').set(bearer(shop.buyer.token));
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'limit' } });
  });

  it('a wallet short of the amount is PAY_002 with balance and amount, and the order stays pending', async () => {
    const shop = await svc.newShopWithItem(25.99);
    await toppedUp(shop.buyer.token, 20);
    const order = await svc.createOrder(shop.buyer.token, shop.itemId);

    const res = await request(svc.app)
      .post('/api/payments')
      .set(bearer(shop.buyer.token))
      .send({
        orderId: order.id,
        amount: order.totalAmount,
        currency: order.currency,
        paymentMethod: { type: 'wallet' },
      });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'PAY_002', details: { balance: 20, amount: 25.99 } });
    expect((await svc.readOrder(shop.buyer.token, order.id)).status).toBe('pending');
    expect((await readWallet(shop.buyer.token)).balance).toBe(20);
  });

  it('each user sees only their own wallet: another shop’s user and the shop’s admin see theirs, empty', async () => {
    const shop = await svc.newShopWithItem();
    await toppedUp(shop.buyer.token, 15);
    const other = await svc.newShopWithItem();

    for (const token of [other.buyer.token, other.token, shop.token]) {
      const wallet = await readWallet(token);
      expect(wallet).toMatchObject({ balance: 0, transactions: [] });
      expect(wallet.userId).not.toBe(shop.buyer.userId);
    }
    expect((await readWallet(shop.buyer.token)).balance).toBe(15);
  });
});
