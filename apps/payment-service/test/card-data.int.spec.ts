import { Writable } from 'node:stream';
import { readTopic } from '@platform/messaging/testing';
import { createLogger } from '@platform/service-kit';
import type Redis from 'ioredis';
import request from 'supertest';
import winston from 'winston';
import { keys } from '../src/payments/payment-record';
import { bearer, startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

/** Test cards with a CVV each that appears nowhere else, and what each one does. */
const CARDS = [
  { number: '4242424242424242', cvv: '7391', outcome: 'completed' },
  { number: '5555555555554444', cvv: '8264', outcome: 'completed' },
  { number: '4000000000009995', cvv: '6173', outcome: 'failed' },
  { number: '4000000000009979', cvv: '5927', outcome: 'failed' },
  { number: '4000000000000119', cvv: '4836', outcome: 'unavailable' },
] as const;
const year = String(new Date().getUTCFullYear() + 1);
const cardOf = (c: (typeof CARDS)[number]) => ({
  type: 'credit_card',
  cardNumber: c.number,
  expiryMonth: '11',
  expiryYear: year,
  cvv: c.cvv,
});

/** Every key and every value in a Redis database, as text (each type read its own way). */
async function dumpRedis(redis: Redis): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of found) {
      out.push(key);
      const type = await redis.type(key);
      if (type === 'string') out.push((await redis.get(key)) ?? '');
      else if (type === 'hash') out.push(...Object.entries(await redis.hgetall(key)).flat());
      else if (type === 'list') out.push(...(await redis.lrange(key, 0, -1)));
      else if (type === 'set') out.push(...(await redis.smembers(key)));
      else if (type === 'zset') out.push(...(await redis.zrange(key, 0, -1)));
      else if (type === 'stream')
        for (const [, fields] of (await redis.xrange(key, '-', '+')) as [string, string[]][])
          out.push(...fields);
    }
  } while (cursor !== '0');
  return out;
}

/** A text holding a full card number, or a CVV as a value of its own (alone, or a JSON string). */
const leaks = (texts: string[]) =>
  texts.filter((t) => CARDS.some((c) => t.includes(c.number) || t === c.cvv || t.includes(`"${c.cvv}"`)));

describe('card data is never stored, logged or published', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  const lines: string[] = [];
  beforeAll(async () => {
    const logger = createLogger('payment-service', 'debug');
    logger.clear().add(
      new winston.transports.Stream({
        stream: new Writable({
          write(chunk: Buffer, _enc, done) {
            lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
            done();
          },
        }),
      }),
    );
    svc = await startPaymentService({ logger });
    f = paymentFixtures(svc);
  });
  afterAll(() => svc?.stop());

  it('after card payments of every outcome, a refund and a wallet top-up, no log line, Redis key or value, or event holds a card number or CVV; brand and last four are kept', async () => {
    const ids: string[] = [];
    for (const c of CARDS) {
      const { shop, buyer, body } = await f.orderToPay();
      const res = await f.pay(buyer.token, body(cardOf(c)));
      if (c.outcome === 'unavailable') {
        expect(res.status).toBe(503);
        continue;
      }
      expect(res.status).toBe(201);
      ids.push(res.body.id);
      await f.waitForPayment(buyer.token, res.body.id, c.outcome);
      if (c.outcome === 'completed')
        await request(svc.app)
          .post(`/api/payments/${res.body.id}/refund`)
          .set(bearer(shop.token))
          .send({ amount: 1 })
          .expect(201);
    }
    // a bad card number (PAY_001) and a wallet top-up by card
    const { buyer, body } = await f.orderToPay();
    await f.pay(buyer.token, body({ ...cardOf(CARDS[0]), cardNumber: '4242424242424241' })).expect(400);
    const topUp = await request(svc.app)
      .post('/api/wallet/top-up')
      .set(bearer(buyer.token))
      .send({ amount: 20, currency: 'USD', paymentMethod: cardOf(CARDS[1]) });
    expect(topUp.status).toBeLessThan(300);

    const events = await f.paymentEvents(ids[0], (t) => t.includes('PaymentCompleted'));
    expect(events.length).toBeGreaterThan(0);
    const published = (await readTopic(svc.topics.payments, () => true)).map((m) => m.value);
    const stored = await dumpRedis(svc.redis);
    expect(lines.length).toBeGreaterThan(10);
    expect(published.length).toBeGreaterThan(0);
    expect(leaks(lines)).toEqual([]);
    expect(leaks(stored)).toEqual([]);
    expect(leaks(published)).toEqual([]);
    expect(lines.join('\n')).not.toContain('4242424241'); // not even the invalid number

    const first = await svc.redis.hgetall(keys.payment(ids[0]));
    expect(first).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(first.gateway_token).toMatch(/^tok_/);
  });
});
