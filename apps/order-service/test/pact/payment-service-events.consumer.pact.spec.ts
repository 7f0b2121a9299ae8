import { TOPICS } from '@platform/contracts';
import { asEnvelope, consumerPact, isoTime, MatchersV3, paymentEvent, readdress } from '@platform/pact';
import { startOrderService, type OrderService } from '../harness';
import { orderOf, placeOrder, shopWithItem, stockOf } from '../orders-fixtures';

const { like } = MatchersV3;

/**
 * payment.events (paymentEvent: the envelope and the payment's data, all of which order-service's
 * decoding validates) as order-service's `order-service.orders` group handles them: PaymentCompleted
 * confirms a pending order, PaymentFailed fails it and gives its stock back. Each message goes through
 * the group's real decoding, validation, handler and inbox on order-service's own MongoDB.
 */
describe('pact: order-service consumes payment-service events', () => {
  const pact = consumerPact('order-service', 'payment-service');
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService({ startBackground: false })));
  afterAll(() => svc?.stop());

  const pendingOrder = async () => {
    const shop = await shopWithItem(svc, { price: 12.75, stock: 5 });
    const order = orderOf(
      await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 2 }] }),
    );
    return { shop, order };
  };
  // the pact's ids are examples; the real order of this test's store takes their place
  const deliverFor = (topic: string, content: unknown, p: Awaited<ReturnType<typeof pendingOrder>>) => {
    const real = readdress(content, {
      tenantId: p.shop.tenantId,
      data: { order_id: p.order.id, user_id: p.order.userId },
    });
    return svc.svc.orders.consumer.deliver(topic, real);
  };
  const stored = async (id: string) =>
    (await svc.db.collection('orders').findOne({ _id: id as never })) as unknown as {
      status: string;
      payment_id?: string;
    };

  it('a PaymentCompleted event confirms the pending order', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an order awaiting payment was paid by card')
      .expectsToReceive('a PaymentCompleted event', (b) =>
        b
          .withJSONContent(
            paymentEvent('PaymentCompleted', 'a3c1f1d2-6b7e-4f3a-9c2d-1e0f9a8b7c61', {
              transaction_id: like('txn_4f1c2e'),
              completed_at: isoTime(),
            }),
          )
          .withMetadata({ topic: TOPICS.paymentEvents }),
      )
      .executeTest(async (m) => {
        const p = await pendingOrder();
        const outcome = await deliverFor(String(m.metadata.topic), m.contents.content, p);
        expect(outcome).toBe('handled');
        const order = await stored(p.order.id);
        expect(order.status).toBe('confirmed');
        expect(order.payment_id).toBe(asEnvelope(m.contents.content).data.payment_id);
      });
  });

  it('a PaymentFailed event fails the pending order and gives its stock back', async () => {
    await pact
      .addAsynchronousInteraction()
      .given("an order's card payment was declined")
      .expectsToReceive('a PaymentFailed event', (b) =>
        b
          .withJSONContent(
            paymentEvent('PaymentFailed', 'b4d2e3f4-7c8d-4e5f-8a9b-2f1e0d9c8b72', {
              reason: like('Your card has insufficient funds. Try another card or top up your wallet.'),
              error_code: like('INSUFFICIENT_FUNDS'),
              failed_at: isoTime(),
            }),
          )
          .withMetadata({ topic: TOPICS.paymentEvents }),
      )
      .executeTest(async (m) => {
        const p = await pendingOrder();
        expect(await stockOf(svc, p.shop.itemId)).toBe(3);
        const outcome = await deliverFor(String(m.metadata.topic), m.contents.content, p);
        expect(outcome).toBe('handled');
        expect((await stored(p.order.id)).status).toBe('failed');
        expect(await stockOf(svc, p.shop.itemId)).toBe(5);
      });
  });
});
