import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { TEST_CARDS } from '@platform/devstack/testing';
import { providerWithMetadata, type MessageProviders, type StateHandlers } from '@platform/pact';
import request from 'supertest';
import { keys } from '../../src/payments/payment-record';
import { bearer, card, type PaymentService } from '../harness';
import { paymentFixtures } from '../payment-fixtures';

const declinedCard = Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === 'insufficient_funds')!;

/**
 * payment.events for the message pacts (order-service, notification-worker), each produced by the use
 * case that really produces it (a card payment through the gateway simulator, a declined card, a refund
 * an admin asks for) and read back from payment-service's outbox stream. The service runs without its
 * relay, so every event it wrote is still in the stream.
 */
export function paymentMessages(svc: PaymentService): {
  stateHandlers: StateHandlers;
  messageProviders: MessageProviders;
} {
  const f = paymentFixtures(svc);
  // the payment the last state handler made: its events are the ones the message providers return
  let paymentId = '';

  const paidByCard = async () => {
    const { shop, buyer, body } = await f.orderToPay(25.5);
    const payment = (await f.pay(buyer.token, body()).expect(201)).body as { id: string };
    await f.waitForPayment(buyer.token, payment.id, 'completed');
    return { shop, buyer, paymentId: payment.id };
  };

  const fromOutbox = async (eventType: string): Promise<EventEnvelope> => {
    const entries = (await svc.redis.xrange(keys.outbox, '-', '+')) as [string, string[]][];
    const events = entries
      .map(([, fields]) => fields[fields.indexOf('event') + 1])
      .map((json) => JSON.parse(json ?? '{}') as EventEnvelope)
      .filter((e) => e.event_type === eventType && e.aggregate_id === paymentId);
    const event = events.at(-1);
    if (!event) throw new Error(`no ${eventType} of ${paymentId} in payment-service's outbox`);
    return event;
  };
  const message = (eventType: string) =>
    providerWithMetadata(() => fromOutbox(eventType), { topic: TOPICS.paymentEvents });

  return {
    stateHandlers: {
      'an order awaiting payment was paid by card': async () => {
        paymentId = (await paidByCard()).paymentId;
        return { paymentId };
      },
      "an order's card payment was declined": async () => {
        const { buyer, body } = await f.orderToPay(25.5);
        const payment = (await f.pay(buyer.token, body(card(declinedCard))).expect(201)).body as {
          id: string;
        };
        await f.waitForPayment(buyer.token, payment.id, 'failed');
        paymentId = payment.id;
        return { paymentId };
      },
      'a paid order was refunded on request': async () => {
        const paid = await paidByCard();
        await request(svc.app)
          .post(`/api/payments/${paid.paymentId}/refund`)
          .set(bearer(paid.shop.token))
          .send({ reason: 'The key did not work' })
          .expect(201);
        await f.waitForPayment(paid.buyer.token, paid.paymentId, 'refunded');
        paymentId = paid.paymentId;
        return { paymentId };
      },
    },
    messageProviders: {
      'a PaymentCompleted event': message('PaymentCompleted'),
      'a PaymentFailed event': message('PaymentFailed'),
      'a PaymentRefunded event': message('PaymentRefunded'),
    },
  };
}
