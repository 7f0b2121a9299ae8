import { TOPICS } from '@platform/contracts';
import { consumerPact, MatchersV3 } from '@platform/pact';
import { startOrderService, type OrderService } from '../harness';
import { orderOf, placeOrder, shopWithItem, stockOf } from '../orders-fixtures';

const { like, regex, uuid, number } = MatchersV3;
const ISO = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';
const at = (example: string) => regex(ISO, example);

/** The envelope as payment-service publishes it: order-service's decoding validates all of it. */
const envelope = (eventType: string, eventId: string, data: Record<string, unknown>) => ({
  event_id: uuid(eventId),
  event_type: eventType,
  aggregate_id: like('pay_0b0d1a6e-5a39-4f5e-9d0c-8f7d0c7f1e11'),
  aggregate_type: 'payment',
  occurred_at: at('2026-01-01T10:00:00.000Z'),
  // a version order-service does not know goes to the DLQ: the version is part of the contract
  version: 1,
  tenant_id: like('tenant_demo'),
  data: {
    payment_id: like('pay_0b0d1a6e-5a39-4f5e-9d0c-8f7d0c7f1e11'),
    order_id: uuid('5b0c7c7e-8f0a-4b8e-9a52-2d1f2b7f6a10'),
    user_id: uuid('7d1e0f4a-2b3c-4d5e-8f90-a1b2c3d4e5f6'),
    amount: number(25.5),
    currency: regex('^[A-Z]{3}$', 'USD'),
    payment_method: {
      type: regex('^(credit_card|wallet)$', 'credit_card'),
      brand: like('visa'),
      last4: like('4242'),
    },
    ...data,
  },
});

type Envelope = { tenant_id: string; data: Record<string, unknown> };

/**
 * payment.events as order-service's `order-service.orders` group handles them: PaymentCompleted
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
    const event = content as Envelope;
    const real = {
      ...event,
      tenant_id: p.shop.tenantId,
      data: { ...event.data, order_id: p.order.id, user_id: p.order.userId },
    };
    return svc.svc.orders.consumer.deliver(topic, JSON.stringify(real));
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
            envelope('PaymentCompleted', 'a3c1f1d2-6b7e-4f3a-9c2d-1e0f9a8b7c61', {
              transaction_id: like('txn_4f1c2e'),
              completed_at: at('2026-01-01T10:00:00.000Z'),
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
        expect(order.payment_id).toBe((m.contents.content as Envelope).data.payment_id);
      });
  });

  it('a PaymentFailed event fails the pending order and gives its stock back', async () => {
    await pact
      .addAsynchronousInteraction()
      .given("an order's card payment was declined")
      .expectsToReceive('a PaymentFailed event', (b) =>
        b
          .withJSONContent(
            envelope('PaymentFailed', 'b4d2e3f4-7c8d-4e5f-8a9b-2f1e0d9c8b72', {
              reason: like('Your card has insufficient funds. Try another card or top up your wallet.'),
              error_code: like('INSUFFICIENT_FUNDS'),
              failed_at: at('2026-01-01T10:00:00.000Z'),
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
