import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { Mailbox, type CaughtMail } from '@platform/devstack/testing';
import { createEvent } from '@platform/messaging';
import { waitForGroupCaughtUp } from '@platform/messaging/testing';
import { userProjectionGroup } from '../src/users/user-projection';
import { mailsTo, startWorker, waitForMail, type Worker } from './harness';
import { sagaOf } from './saga-events';

const headers = (m: CaughtMail) => (m as CaughtMail & { headers: Record<string, string> }).headers;

describe('notification-worker: the mails of the order saga', () => {
  const mailbox = new Mailbox();
  let worker: Worker;
  beforeAll(async () => void (worker = await startWorker()));
  afterAll(() => worker.stop());

  it('e-mails the receipt of a confirmed order: lines, discount, total and the card, in text and HTML', async () => {
    const buyer = await worker.user({ first_name: 'Grace' });
    const saga = sagaOf(buyer.user_id);
    const confirmed = saga.confirmed();
    await worker.publish(confirmed);

    const mail = await waitForMail(mailbox, buyer.email, /^Your receipt for order/);
    expect(mail.subject).toBe(`Your receipt for order ${saga.orderId.split('-')[0]}`);
    expect(mail.text).toContain('Hello Grace,');
    for (const part of [mail.text!, mail.html!]) {
      for (const shown of [
        '$19.99',
        '$39.98',
        '$44.98',
        '-$4.50',
        '$40.48',
        'SPRING10',
        'Visa ending in 4242',
      ])
        expect(part).toContain(shown);
    }
    expect(mail.text).toContain('2 x Elden Ring at $19.99 = $39.98');
    expect(mail.text).toContain('Hades <II> & co');
    expect(mail.html).toContain('Hades &lt;II&gt; &amp; co');
    expect(headers(mail)['message-id']).toBe(`<${confirmed.event_id}@shop.local>`);
    expect(await worker.delivery(confirmed.event_id)).toMatchObject({
      template: 'order-confirmed',
      status: 'sent',
      to: buyer.email,
    });
  });

  it('sends one receipt when the same OrderConfirmed arrives twice', async () => {
    const buyer = await worker.user();
    const confirmed = sagaOf(buyer.user_id).confirmed();
    await worker.publish(confirmed, confirmed);
    await waitForMail(mailbox, buyer.email, /^Your receipt/);
    await worker.caughtUp(TOPICS.orderEvents);
    expect(await mailsTo(mailbox, buyer.email, /^Your receipt/)).toHaveLength(1);
  });

  it('tells the buyer why the payment failed, once: OrderCreated, PaymentCompleted and OrderFailed send nothing', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    const failed = saga.paymentFailed();
    const created = createEvent('OrderCreated', {
      aggregateId: saga.orderId,
      data: {
        order_id: saga.orderId,
        user_id: buyer.user_id,
        total_amount: 40.48,
        currency: 'USD',
        subtotal: 40.48,
        discount: 0,
        items: [{ product_id: 'p-1', quantity: 1, price: 40.48 }],
        expires_at: new Date(Date.now() + 60_000).toISOString(),
        created_at: new Date().toISOString(),
      },
    });
    const orderFailed = createEvent('OrderFailed', {
      aggregateId: saga.orderId,
      data: {
        order_id: saga.orderId,
        user_id: buyer.user_id,
        reason: 'payment failed',
        failed_at: new Date().toISOString(),
      },
    });
    // a payment that completed (for another attempt, say) mails nothing: the receipt comes with OrderConfirmed
    const completed = createEvent('PaymentCompleted', {
      aggregateId: `pay_${saga.orderId.slice(0, 8)}`,
      data: {
        payment_id: `pay_${saga.orderId.slice(0, 8)}`,
        order_id: saga.orderId,
        user_id: buyer.user_id,
        amount: 40.48,
        currency: 'USD',
        transaction_id: 'tx_1',
        completed_at: new Date().toISOString(),
      },
    });
    await worker.publish(created, completed, failed, orderFailed);

    const mail = await waitForMail(mailbox, buyer.email, /did not go through$/);
    expect(mail.text).toContain('Your card has insufficient funds. Try another card or top up your wallet.');
    expect(mail.text).toContain('$40.48');
    expect(mail.html).toContain('Your card has insufficient funds.');
    await worker.caughtUp(TOPICS.orderEvents);
    await worker.caughtUp(TOPICS.paymentEvents);
    expect(await mailsTo(mailbox, buyer.email, /^(?!Welcome)/)).toHaveLength(1);
  });

  it('e-mails one "cancelled" for an order cancelled before it was paid', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    await worker.publish(saga.cancelled('pending'));
    const mail = await waitForMail(mailbox, buyer.email, /was cancelled$/);
    expect(mail.text).toContain('nothing was charged');
    await worker.caughtUp(TOPICS.orderEvents);
    expect(await mailsTo(mailbox, buyer.email, /cancel|refund/i)).toHaveLength(1);
  });

  it('delivers the keys of a fulfilled order, opened from sealed_keys', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    const keys = [`KEY-${randomUUID().slice(0, 8)}`, `KEY-${randomUUID().slice(0, 8)}`];
    const fulfilled = saga.fulfilled(keys);
    expect(JSON.stringify(fulfilled)).not.toContain(keys[0]);
    await worker.publish(fulfilled);
    const mail = await waitForMail(mailbox, buyer.email, /is delivered$/);
    for (const key of keys) {
      expect(mail.text).toContain(key);
      expect(mail.html).toContain(`<li>${key}</li>`);
    }
    // the delivery log keeps no key
    expect(JSON.stringify(await worker.delivery(fulfilled.event_id))).not.toContain(keys[0]);
  });

  it('e-mails that an unpaid order expired', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    await worker.publish(saga.expired());
    const mail = await waitForMail(mailbox, buyer.email, /expired$/);
    expect(mail.text).toContain(saga.orderId);
  });

  it('waits for a buyer the projection does not know yet, and mails them once it does', async () => {
    const userId = randomUUID();
    const email = `late-${userId}@example.com`;
    const saga = sagaOf(userId);
    await worker.publish(saga.expired());
    await worker.user({ user_id: userId, email });
    await waitForMail(mailbox, email, /expired$/);
  });

  it('sends nothing to a deleted user and logs the mail as skipped', async () => {
    const buyer = await worker.user();
    const deleted = createEvent('UserDeleted', {
      aggregateId: buyer.user_id,
      data: { user_id: buyer.user_id, deleted_at: new Date().toISOString() },
    });
    await worker.publish(deleted);
    await waitForGroupCaughtUp(userProjectionGroup({ CONSUMER_GROUP: worker.group }), worker.topic);
    expect(await worker.redis.hgetall(`nw:user:${buyer.user_id}`)).toEqual({
      deleted_at: deleted.data.deleted_at,
    });

    const expired = sagaOf(buyer.user_id).expired();
    await worker.publish(expired);
    expect(await worker.delivery(expired.event_id)).toMatchObject({
      template: 'order-expired',
      status: 'skipped',
      reason: 'deleted user',
    });
    expect(await mailsTo(mailbox, buyer.email, /expired/)).toEqual([]);
  });

  it('sends to the new address after UserUpdated changed it', async () => {
    const buyer = await worker.user();
    const newEmail = `moved-${randomUUID()}@example.com`;
    await worker.publish(
      createEvent('UserUpdated', {
        aggregateId: buyer.user_id,
        data: {
          user_id: buyer.user_id,
          changed: ['email'],
          email: newEmail,
          updated_at: new Date().toISOString(),
        },
      }),
    );
    await waitForGroupCaughtUp(userProjectionGroup({ CONSUMER_GROUP: worker.group }), worker.topic);
    await worker.publish(sagaOf(buyer.user_id).expired());
    await waitForMail(mailbox, newEmail, /expired$/);
    expect(await mailsTo(mailbox, buyer.email, /expired/)).toEqual([]);
  });
});
