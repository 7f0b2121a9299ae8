import { randomUUID } from 'node:crypto';
import { TOPICS, type EventEnvelope, type OrderResponse } from '@platform/contracts';
import { createEvent, MONGO_OUTBOX_FIELD, type MongoOutboxEntry } from '@platform/messaging';
import request from 'supertest';
import { bearer, type OrderService } from '../harness';

/** An order placed through the HTTP API by a buyer of a fresh shop: what each provider state starts from. */
export interface PlacedOrder {
  orderId: string;
  tenantId: string;
  userId: string;
  buyerToken: string;
  total: number;
  currency: string;
}

/**
 * The order lifecycle driven through order-service's real entry points (HTTP API, the payment.events
 * consumer, the sweeper, the supplier webhook's fulfilment port), on the harness' real stores.
 */
export function orderLifecycle(svc: OrderService) {
  const orders = svc.svc.orders;

  /** A shop with an item (POST /api/items), a buyer, and the buyer's order (POST /api/orders): pending. */
  async function place(): Promise<PlacedOrder> {
    const shop = await svc.newShop();
    const buyer = await svc.addMember(shop.admin, 'viewer');
    const item = await request(svc.app)
      .post('/api/items')
      .set(bearer(shop.token))
      .send({ title: `Game ${randomUUID().slice(0, 6)}`, category: 'games', price: 19.99, stock: 10 })
      .expect(201);
    const order = (
      await request(svc.app)
        .post('/api/orders')
        .set(bearer(buyer.token))
        .send({ items: [{ productId: (item.body as { item_id: string }).item_id, quantity: 2 }] })
        .expect(201)
    ).body as OrderResponse;
    return {
      orderId: order.id,
      tenantId: shop.tenantId,
      userId: buyer.userId,
      buyerToken: buyer.token,
      total: order.totalAmount,
      currency: order.currency,
    };
  }

  /** payment-service's PaymentCompleted, handed to order-service's real payment.events consumer. */
  async function pay(o: PlacedOrder): Promise<void> {
    const paid = createEvent('PaymentCompleted', {
      aggregateId: `pay_${randomUUID()}`,
      tenantId: o.tenantId,
      data: {
        payment_id: `pay_${randomUUID()}`,
        order_id: o.orderId,
        user_id: o.userId,
        amount: o.total,
        currency: o.currency,
        transaction_id: `txn_${randomUUID()}`,
        payment_method: { type: 'credit_card', brand: 'visa', last4: '4242' },
        completed_at: new Date().toISOString(),
      },
    });
    const outcome = await orders.consumer.deliver(TOPICS.paymentEvents, JSON.stringify(paid));
    if (outcome !== 'handled') throw new Error(`PaymentCompleted was ${outcome}`);
  }

  /** The buyer cancels (POST /api/orders/{id}/cancel). */
  async function cancel(o: PlacedOrder): Promise<void> {
    await request(svc.app).post(`/api/orders/${o.orderId}/cancel`).set(bearer(o.buyerToken)).expect(200);
  }

  /** The sweeper's pass once the order's expiry has passed (its clock moved past ORDER_EXPIRY_MINUTES). */
  async function expire(): Promise<void> {
    const deps = orders.deps;
    const real = deps.clock;
    const later = (svc.config.ORDER_EXPIRY_MINUTES + 1) * 60_000;
    deps.clock = () => new Date(real().getTime() + later);
    try {
      await orders.sweeper.sweep();
    } finally {
      deps.clock = real;
    }
  }

  /** The supplier delivered the keys (the supplier webhook's fulfilment port). */
  const fulfil = (o: PlacedOrder) => orders.fulfilment.fulfil(o.orderId, ['AAAA-BBBB-CCCC'], randomUUID());

  /**
   * The order's last pending event of `type`, as the relay would publish it: read from the document's
   * outbox field (the relay is not started, so nothing leaves it).
   */
  async function pendingEvent(orderId: string, type: string): Promise<EventEnvelope> {
    const doc = (await svc.db.collection('orders').findOne({ _id: orderId as never })) as Record<
      string,
      unknown
    > | null;
    const entries = (doc?.[MONGO_OUTBOX_FIELD] ?? []) as MongoOutboxEntry[];
    const entry = entries.filter((e) => e.topic === TOPICS.orderEvents && e.event.event_type === type).pop();
    if (!entry) throw new Error(`no pending ${type} for order ${orderId}`);
    return entry.event;
  }

  return { place, pay, cancel, expire, fulfil, pendingEvent };
}
export type OrderLifecycle = ReturnType<typeof orderLifecycle>;
