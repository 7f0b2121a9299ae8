import { signWebhook } from '@platform/auth';
import { type OrderResponse, type PaymentResponse } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { readTopic } from '@platform/messaging/testing';
import request from 'supertest';
import { DEV_GATEWAY_WEBHOOK_SECRET } from '../src/config';
import { bearer, card, type PaymentService } from './harness';

/** Helpers over a running payment-service (harness.ts) for the payments tests. */
export function paymentFixtures(svc: PaymentService) {
  /** A shop, its buyer and a pending order of one item at `price`, with the body that pays it. */
  const orderToPay = async (price = 25.99) => {
    const shop = await svc.newShopWithItem(price);
    const order: OrderResponse = await svc.createOrder(shop.buyer.token, shop.itemId);
    const body = (method: object = card()) => ({
      orderId: order.id,
      amount: order.totalAmount,
      currency: order.currency,
      paymentMethod: method,
    });
    return { shop, buyer: shop.buyer, order, body };
  };

  const pay = (token: string, body: object, headers: Record<string, string> = {}) =>
    request(svc.app).post('/api/payments').set(bearer(token)).set(headers).send(body);

  const readPayment = async (token: string, id: string): Promise<PaymentResponse> =>
    (await request(svc.app).get(`/api/payments/${id}`).set(bearer(token)).expect(200))
      .body as PaymentResponse;

  const waitForPayment = async (token: string, id: string, status: PaymentResponse['status']) => {
    let last: PaymentResponse | undefined;
    await eventually(async () => (last = await readPayment(token, id)).status === status, {
      what: `payment ${id} to be ${status}`,
    });
    return last!;
  };

  const waitForOrder = (token: string, orderId: string, status: OrderResponse['status']) =>
    eventually(async () => (await svc.readOrder(token, orderId)).status === status, {
      what: `order ${orderId} to be ${status}`,
    });

  /** The gateway simulator's control (`POST /__control`). */
  const gatewayControl = (body: object) => request(svc.gateway.url).post('/__control').send(body).expect(200);

  /** A callback as the gateway signs it (now, unless `timestamp` is given). */
  const sendCallback = (event: object, opts: { timestamp?: number; secret?: string } = {}) => {
    const raw = JSON.stringify(event);
    const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    return request(svc.app)
      .post('/api/webhooks/payment-gateway')
      .set('content-type', 'application/json')
      .set('x-gateway-timestamp', ts)
      .set('x-gateway-signature', signWebhook(opts.secret ?? DEV_GATEWAY_WEBHOOK_SECRET, ts, raw))
      .send(raw);
  };

  /** The events on payment.events about `paymentId`, once `until` holds (duplicates included). */
  const paymentEvents = async (paymentId: string, until: (types: string[]) => boolean) => {
    const of = (msgs: { json<T>(): T }[]) =>
      msgs
        .map((m) => m.json<{ event_type: string; aggregate_id: string; data: Record<string, unknown> }>())
        .filter((e) => e.aggregate_id === paymentId);
    return of(await readTopic(svc.topics.payments, (msgs) => until(of(msgs).map((e) => e.event_type))));
  };

  return {
    orderToPay,
    pay,
    readPayment,
    waitForPayment,
    waitForOrder,
    gatewayControl,
    sendCallback,
    paymentEvents,
  };
}
