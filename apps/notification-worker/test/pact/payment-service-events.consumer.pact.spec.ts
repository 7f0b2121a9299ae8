import { TOPICS } from '@platform/contracts';
import { Mailbox } from '@platform/devstack/testing';
import { consumerPact, isoTime, MatchersV3, paymentEvent, readdress } from '@platform/pact';
import { startWorker, waitForMail, type Worker } from '../harness';

const { like, regex, number } = MatchersV3;

/**
 * payment.events as notification-worker's mail group handles them: a failed payment and a refund each
 * mail the buyer (paymentEvent: the envelope and the payment's data, all of which the worker's decoding
 * validates; the mail says how it was paid). Each message goes through the group's real decoding, validation, handler and lease
 * inbox, with the buyer in the worker's Redis projection, and the mail is read from the SMTP catcher.
 */
describe('pact: notification-worker consumes payment-service events', () => {
  const pact = consumerPact('notification-worker', 'payment-service');
  const mailbox = new Mailbox();
  let worker: Worker;
  beforeAll(async () => void (worker = await startWorker()));
  afterAll(() => worker?.stop());

  // the pact's buyer is an example; a buyer the worker's projection knows takes its place
  const deliverTo = async (topic: string, content: unknown) => {
    const buyer = await worker.user();
    const real = readdress(content, { data: { user_id: buyer.user_id } });
    return { buyer, outcome: await worker.consumer.deliver(topic, real) };
  };

  it('a PaymentFailed event mails the buyer why and what to do', async () => {
    const reason = 'Your card has insufficient funds. Try another card or top up your wallet.';
    await pact
      .addAsynchronousInteraction()
      .given("an order's card payment was declined")
      .expectsToReceive('a PaymentFailed event', (b) =>
        b
          .withJSONContent(
            paymentEvent('PaymentFailed', 'c5e3f4a5-8d9e-4f6a-9b0c-3a2f1e0d9c83', {
              reason: like(reason),
              error_code: like('INSUFFICIENT_FUNDS'),
              failed_at: isoTime(),
            }),
          )
          .withMetadata({ topic: TOPICS.paymentEvents }),
      )
      .executeTest(async (m) => {
        const { buyer, outcome } = await deliverTo(String(m.metadata.topic), m.contents.content);
        expect(outcome).toBe('handled');
        const mail = await waitForMail(
          mailbox,
          buyer.email,
          /^Your payment for order 5b0c7c7e did not go through$/,
        );
        expect(mail.text).toContain(reason);
      });
  });

  it('a PaymentRefunded event mails the buyer the refund', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a paid order was refunded on request')
      .expectsToReceive('a PaymentRefunded event', (b) =>
        b
          .withJSONContent(
            paymentEvent('PaymentRefunded', 'd6f4a5b6-9e0f-4a7b-8c1d-4b3a2f1e0d94', {
              refund_id: like('re_1f2e3d4c-5b6a-4978-8877-665544332211'),
              refunded_total: number(25.5),
              // why decides which mail: "cancelled and refunded" or "refund issued"
              cause: regex('^(order_cancelled|order_expired|order_closed|requested)$', 'requested'),
              refunded_at: isoTime(),
            }),
          )
          .withMetadata({ topic: TOPICS.paymentEvents }),
      )
      .executeTest(async (m) => {
        const { buyer, outcome } = await deliverTo(String(m.metadata.topic), m.contents.content);
        expect(outcome).toBe('handled');
        const mail = await waitForMail(mailbox, buyer.email, /^A refund of \$25\.50 for order 5b0c7c7e$/);
        expect(mail.text).toContain('Visa ending in 4242');
      });
  });
});
