import { TOPICS } from '@platform/contracts';
import { eventually, Mailbox } from '@platform/devstack/testing';
import request from 'supertest';
import { mailsTo, startWorker, waitForMail, type Worker } from './harness';
import { sagaOf } from './saga-events';

/**
 * A paid order cancelled: OrderCancelled (order.events) then PaymentRefunded (payment.events), handled
 * in either order by the worker. The buyer gets exactly one mail: "cancelled and refunded".
 */
describe('notification-worker: cancelling a paid order', () => {
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
    await worker.publish(saga.refunded());

    const mail = await waitForMail(mailbox, buyer.email, /was cancelled and refunded$/);
    expect(mail.text).toContain('We have refunded $40.48 to Visa ending in 4242.');
    await allHandled();
    expect(await cancelMails(buyer.email)).toHaveLength(1);
  });

  it('sends one "cancelled and refunded" when PaymentRefunded is handled first', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    await worker.publish(saga.refunded());
    // the refund was tried and is held (its partition lags by it) until the cancellation is known
    await eventually(
      async () => {
        const metrics = (await request(worker.app).get('/metrics')).text;
        const topic = worker.physical(TOPICS.paymentEvents).replace(/\./g, '\\.');
        return new RegExp(
          `kafka_consumer_lag\\{[^}]*group="${worker.group}"[^}]*topic="${topic}"[^}]*\\} 1`,
        ).test(metrics);
      },
      { what: 'the refund to be held' },
    );
    expect(await cancelMails(buyer.email)).toEqual([]);

    await worker.publish(saga.cancelled('confirmed'));
    await waitForMail(mailbox, buyer.email, /was cancelled and refunded$/);
    await allHandled();
    expect(await cancelMails(buyer.email)).toHaveLength(1);
  });

  it('mails a refund that no cancellation explains, once the wait is over, as "refund issued"', async () => {
    const buyer = await worker.user();
    const saga = sagaOf(buyer.user_id);
    // issued longer ago than CANCELLATION_WAIT_MS (60 s): no cancellation is coming
    const refund = saga.refunded(10, new Date(Date.now() - 61_000));
    await worker.publish(refund);
    const mail = await waitForMail(mailbox, buyer.email, /^A refund of \$10\.00 for order/);
    expect(mail.text).toContain('we have refunded $10.00 for your order');
    expect(await worker.delivery(refund.event_id)).toMatchObject({
      template: 'refund-issued',
      status: 'sent',
    });
    await allHandled();
    expect(await cancelMails(buyer.email)).toHaveLength(1);
  });
});
