import { EventConsumer } from '@platform/messaging';
import { consumerPact, isoTimestamp, MatchersV3, orderEvent, readdress } from '@platform/pact';
import { startPaymentService, type PaymentService } from '../harness';
import { paymentFixtures } from '../payment-fixtures';

const { like, regex } = MatchersV3;
const pact = consumerPact('payment-service', 'order-service');
// orderEvent: the envelope and the order's ids payment-service's orders consumer reads; an example
// event id per event, since the refund's id derives from it (one refund per event)

describe('payment-service ← order.events (refunds of paid orders that close)', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  let consumer: EventConsumer;
  beforeAll(async () => {
    svc = await startPaymentService();
    f = paymentFixtures(svc);
    // the orders group of order-events.consumer.ts, as compose.ts builds it
    consumer = svc.svc.payments.background.find((b): b is EventConsumer => b instanceof EventConsumer)!;
  });
  afterAll(() => svc?.stop());

  /**
   * A completed card payment for a real order; the pact's message is delivered about that order (its
   * order, buyer and shop ids in place of the example's) and the payment must end refunded in full.
   */
  async function refundedOn(content: unknown, topic: string) {
    const { shop, buyer, order, body } = await f.orderToPay(12.5);
    const payment = (await f.pay(buyer.token, body()).expect(201)).body as { id: string };
    await f.waitForPayment(buyer.token, payment.id, 'completed');
    const message = readdress(content, {
      aggregateId: order.id,
      tenantId: shop.tenantId,
      data: { order_id: order.id, user_id: buyer.userId },
    });
    expect(await consumer.deliver(topic, message)).toBe('handled');
    return f.waitForPayment(buyer.token, payment.id, 'refunded');
  }

  it('refunds a paid order in full on OrderCancelled', () =>
    pact
      .addAsynchronousInteraction()
      .given('a paid order is cancelled')
      .expectsToReceive('an OrderCancelled event for a paid order', (b) =>
        b
          .withJSONContent(
            orderEvent('OrderCancelled', '3f9b2d7c-5a1e-4c8f-9e0d-7b6a5c4d3e21', {
              previous_status: 'confirmed',
              // not read here, but the event's schema requires them: the consumer validates before handling
              total_amount: like(12.5),
              currency: regex('^[A-Z]{3}$', 'USD'),
              cancelled_at: isoTimestamp(),
            }),
          )
          .withMetadata({ topic: 'order.events' }),
      )
      .executeTest(async (m) => {
        const done = await refundedOn(m.contents.content, m.metadata!.topic as string);
        expect(done.refundedAmount).toBe(12.5);
      }));

  it('refunds a payment that completed for an order that expired, on OrderExpired', () =>
    pact
      .addAsynchronousInteraction()
      .given('an unpaid order expires')
      .expectsToReceive('an OrderExpired event', (b) =>
        b
          .withJSONContent(
            orderEvent('OrderExpired', '8c4e1a20-9d3b-4f6e-a7c5-2b1d0e9f8a34', {
              expired_at: isoTimestamp('2026-01-01T10:30:00.000Z'),
            }),
          )
          .withMetadata({ topic: 'order.events' }),
      )
      .executeTest(async (m) => {
        const done = await refundedOn(m.contents.content, m.metadata!.topic as string);
        expect(done.refundedAmount).toBe(12.5);
      }));
});
