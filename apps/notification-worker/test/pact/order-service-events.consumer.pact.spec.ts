import { createCipheriv, randomUUID } from 'node:crypto';
import { Mailbox } from '@platform/devstack/testing';
import {
  asEnvelope,
  consumerPact,
  EXAMPLE_ORDER_ID,
  isoTimestamp,
  MatchersV3,
  orderEvent,
  readdress,
} from '@platform/pact';
import { startWorker, waitForMail, type Worker } from '../harness';

const { like, uuid, regex, eachLike } = MatchersV3;
const pact = consumerPact('notification-worker', 'order-service');

/**
 * A TEST-ONLY key (the worker of this file runs with it) and harmless keys: the worker must open what
 * it is sent, so the example is sealed for real, bound to the example's event and order ids, with a
 * fixed IV to keep the pact stable. The provider's own sealed value matches by shape.
 */
const PACT_SECRET_KEY = Buffer.alloc(32, 'pact-order-keys').toString('base64');
const FULFILLED_EVENT = '5c6d7e8f-9a0b-4c1d-8e2f-a3b4c5d6e707';
const DELIVERED_KEYS = ['PACT-KEY-0001', 'PACT-KEY-0002'];
function sealedKeysExample() {
  const iv = Buffer.alloc(12, 2);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(PACT_SECRET_KEY, 'base64'), iv);
  cipher.setAAD(Buffer.from([FULFILLED_EVENT, EXAMPLE_ORDER_ID].join('\u0000')));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify({ keys: DELIVERED_KEYS }), 'utf8'),
    cipher.final(),
  ]);
  const b64url = (example: Buffer) => regex('^[A-Za-z0-9_-]+$', example.toString('base64url'));
  return { alg: 'A256GCM', iv: b64url(iv), ciphertext: b64url(ciphertext), tag: b64url(cipher.getAuthTag()) };
}

describe('notification-worker ← order.events (receipts, keys, cancellations, expiries)', () => {
  const mailbox = new Mailbox();
  let worker: Worker;
  beforeAll(
    async () => void (worker = await startWorker({ env: { NOTIFICATION_SECRET_KEY: PACT_SECRET_KEY } })),
  );
  afterAll(() => worker?.stop());

  /**
   * Hands the pact's message to the mail group's real consumer for a buyer the worker knows (their id in
   * place of the example's), under a fresh event id (the mail inbox on the shared Redis outlives a run),
   * and returns the mail the buyer got and the delivery log's entry.
   */
  async function mailFor(content: unknown, topic: string, subject: RegExp, keepEventId = false) {
    const buyer = await worker.user();
    const eventId = keepEventId ? asEnvelope(content).event_id : randomUUID();
    const message = readdress(content, { eventId, data: { user_id: buyer.user_id } });
    expect(await worker.consumer.deliver(topic, message)).toBe('handled');
    const mail = await waitForMail(mailbox, buyer.email, subject);
    return { mail, delivery: await worker.delivery(eventId) };
  }

  it('e-mails the receipt of a confirmed order: lines, total, the card', () =>
    pact
      .addAsynchronousInteraction()
      .given('an order is paid')
      .expectsToReceive('an OrderConfirmed event', (b) =>
        b
          .withJSONContent(
            orderEvent('OrderConfirmed', '1e2d3c4b-5a69-4788-97a6-b5c4d3e2f101', {
              payment_id: like('pay_5b0c7c7e'),
              subtotal: like(39.98),
              discount: like(0),
              payment_method: {
                type: 'credit_card',
                brand: like('visa'),
                last4: regex('^[0-9]{4}$', '4242'),
              },
              total_amount: like(39.98),
              currency: regex('^[A-Z]{3}$', 'USD'),
              items: eachLike({
                product_id: uuid('4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8'),
                name: like('Elden Ring'),
                quantity: like(2),
                price: like(19.99),
              }),
              confirmed_at: isoTimestamp(),
            }),
          )
          .withMetadata({ topic: 'order.events' }),
      )
      .executeTest(async (m) => {
        const { mail, delivery } = await mailFor(
          m.contents.content,
          m.metadata!.topic as string,
          /^Your receipt/,
        );
        expect(mail.subject).toBe('Your receipt for order 6d1c3a52');
        expect(mail.text).toContain('2 x Elden Ring at $19.99 = $39.98');
        expect(mail.text).toContain('Visa ending in 4242');
        expect(delivery).toMatchObject({ template: 'order-confirmed', status: 'sent' });
      }));

  it('tells the buyer an unpaid order was cancelled, with its total', () =>
    pact
      .addAsynchronousInteraction()
      .given('an unpaid order is cancelled')
      .expectsToReceive('an OrderCancelled event for an unpaid order', (b) =>
        b
          .withJSONContent(
            orderEvent('OrderCancelled', '2f3e4d5c-6b7a-4899-a8b7-c6d5e4f3a202', {
              previous_status: 'pending',
              total_amount: like(39.98),
              currency: regex('^[A-Z]{3}$', 'USD'),
              cancelled_at: isoTimestamp(),
            }),
          )
          .withMetadata({ topic: 'order.events' }),
      )
      .executeTest(async (m) => {
        const { mail, delivery } = await mailFor(m.contents.content, m.metadata!.topic as string, /6d1c3a52/);
        expect(mail.text).toContain('$39.98');
        expect(delivery).toMatchObject({ template: 'order-cancelled', status: 'sent' });
      }));

  it('tells the buyer an unpaid order expired', () =>
    pact
      .addAsynchronousInteraction()
      .given('an unpaid order expires')
      .expectsToReceive('an OrderExpired event', (b) =>
        b
          .withJSONContent(
            orderEvent('OrderExpired', '3a4b5c6d-7e8f-4a9b-8c7d-e6f5a4b3c303', {
              expired_at: isoTimestamp(),
            }),
          )
          .withMetadata({ topic: 'order.events' }),
      )
      .executeTest(async (m) => {
        const { mail, delivery } = await mailFor(m.contents.content, m.metadata!.topic as string, /expired/);
        expect(mail.subject).toBe('Your order 6d1c3a52 expired');
        expect(delivery).toMatchObject({ template: 'order-expired', status: 'sent' });
      }));

  it('e-mails the delivered keys it opens from sealed_keys on OrderFulfilled', () =>
    pact
      .addAsynchronousInteraction()
      .given('a paid order is fulfilled with its keys')
      .expectsToReceive('an OrderFulfilled event', (b) =>
        b
          .withJSONContent(
            orderEvent('OrderFulfilled', FULFILLED_EVENT, {
              sealed_keys: sealedKeysExample(),
              fulfilled_at: isoTimestamp(),
            }),
          )
          .withMetadata({ topic: 'order.events' }),
      )
      .executeTest(async (m) => {
        // the keys are sealed to the example's event id: it stays (this worker's group and inbox are new)
        const topic = m.metadata!.topic as string;
        const { mail, delivery } = await mailFor(m.contents.content, topic, /6d1c3a52/, true);
        for (const key of DELIVERED_KEYS) expect(mail.text).toContain(key);
        expect(delivery).toMatchObject({ template: 'order-fulfilled', status: 'sent' });
      }));
});
