import { TOPICS } from '@platform/contracts';
import { Mailbox } from '@platform/devstack/testing';
import { mailsTo, startWorker, waitForMail, type Worker } from './harness';
import { sagaOf } from './saga-events';

/**
 * A paid order cancelled: OrderCancelled (order.events) and PaymentRefunded (payment.events, cause
 * `order_cancelled`), handled in either order. The buyer gets exactly one mail, "cancelled and
 * refunded", sent when the refund is handled: the refund says why, so nothing waits for the other topic.
 */
describe('notification-worker: cancelling a paid order, and other refunds', () => {
  const mailbox = new Mailbox();
  let worker: Worker;
  beforeAll(async () => void (worker = await startWorker()));
  afterAll(() => worker.stop());

  const allHandled = async () => {
    await worker.caughtUp(TOPICS.orderEvents);
    await worker.caughtUp(TOPICS.paymentEvents);
  };
  const cancelMails = (to: string) => mailsTo(mailbox, to, /cancel|refund/i);

  it('sends one "cancelled and refunded" when OrderCancelled is handled first', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    await worker.publish(saga.cancelled('confirmed'));
    await worker.caughtUp(TOPICS.orderEvents);
    expect(await cancelMails(buyer.email)).toEqual([]); // the cancellation of a paid order mails nothing itself
    await worker.publish(saga.refunded('order_cancelled'));

    const mail = await waitForMail(mailbox, buyer.email, /was cancelled and refunded$/);
    expect(mail.text).toContain('We have refunded $40.48 to Visa ending in 4242.');
    await allHandled();
    expect(await cancelMails(buyer.email)).toHaveLength(1);
  });

  it('sends one "cancelled and refunded" when PaymentRefunded comes first, before the cancellation is known', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    await worker.publish(saga.refunded('order_cancelled'));
    // mailed from the refund alone: OrderCancelled is not even published yet
    await waitForMail(mailbox, buyer.email, /was cancelled and refunded$/);

    await worker.publish(saga.cancelled('confirmed'));
    await allHandled();
    expect(await cancelMails(buyer.email)).toHaveLength(1);
  });

  it('mails a requested refund as "refund issued" at once: the payment mail behind it is not held', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    const refund = saga.refunded('requested', 10);
    // the same payment, so the same partition: the second mail comes only after the refund is handled
    await worker.publish(refund, saga.paymentFailed());

    const mail = await waitForMail(mailbox, buyer.email, /^A refund of \$10\.00 for order/);
    expect(mail.text).toContain('we have refunded $10.00 for your order');
    expect(mail.text).not.toContain('cancelled');
    await waitForMail(mailbox, buyer.email, /did not go through$/);
    expect(await worker.delivery(refund.event_id)).toMatchObject({
      template: 'refund-issued',
      status: 'sent',
    });
    await allHandled();
    expect(await cancelMails(buyer.email)).toHaveLength(1);
  });
});
