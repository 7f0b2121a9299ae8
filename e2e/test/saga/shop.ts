import { randomUUID } from 'node:crypto';
import {
  BreakerStatusSchema,
  ItemResponseSchema,
  OrderResponseSchema,
  PaymentResponseSchema,
  WalletResponseSchema,
  type OrderResponse,
  type OrderStatus,
} from '@platform/contracts';
import { bearer, eventually, rememberSecret, shopAccounts } from '@platform/devstack/testing';
import request from 'supertest';
import { type SagaStack } from './stack';

/**
 * A card as a buyer types it: a test card number of the gateway simulator, expiring next year (number
 * and CVV known to the secret scan).
 */
export const card = (cardNumber: string) => ({
  type: 'credit_card' as const,
  cardNumber: rememberSecret('card-number', cardNumber),
  expiryMonth: '12',
  expiryYear: String(new Date().getUTCFullYear() + 1),
  cvv: rememberSecret('cvv', '123'),
});

/** What a buyer does through the public APIs of the stack's services. */
export function shopper(stack: SagaStack) {
  const orders = () => request(stack.url('order-service'));
  const payments = () => request(stack.url('payment-service'));
  const accounts = shopAccounts(stack.url('user-service'));

  /** A shop (its admin), a buyer (a viewer of the shop) and an item of `price` with `stock` units. */
  const newShop = async ({ price = 12.5, stock = 5 } = {}) => {
    const shop = await accounts.newShop();
    const buyer = await accounts.addMember(shop.admin, 'viewer');
    const title = `Saga game ${randomUUID().slice(0, 6)}`;
    const item = await orders()
      .post('/api/items')
      .set(bearer(shop.token))
      .send({ title, category: 'games', price, stock })
      .expect(201);
    return { ...shop, buyer, itemId: ItemResponseSchema.parse(item.body).item_id, title };
  };

  const createOrder = async (token: string, itemId: string, quantity = 1): Promise<OrderResponse> => {
    const res = await orders()
      .post('/api/orders')
      .set(bearer(token))
      .send({ items: [{ productId: itemId, quantity }] });
    if (res.status !== 201) throw new Error(`POST /api/orders: ${res.status} ${JSON.stringify(res.body)}`);
    return OrderResponseSchema.parse(res.body);
  };

  const readOrder = async (token: string, orderId: string) =>
    OrderResponseSchema.parse(
      (await orders().get(`/api/orders/${orderId}`).set(bearer(token)).expect(200)).body,
    );

  /** Waits until the order reads `status` at order-service. */
  const orderReaches = async (token: string, orderId: string, status: OrderStatus, timeoutMs = 30_000) => {
    await eventually(async () => (await readOrder(token, orderId)).status === status, {
      what: `order ${orderId} to be ${status}`,
      timeoutMs,
    });
    return readOrder(token, orderId);
  };

  const stockOf = async (token: string, itemId: string) =>
    ItemResponseSchema.parse((await orders().get(`/api/items/${itemId}`).set(bearer(token)).expect(200)).body)
      .stock;

  /** `POST /api/payments` for the whole order (the answer as it is: status and body). */
  const pay = (token: string, order: OrderResponse, paymentMethod: object) =>
    payments()
      .post('/api/payments')
      .set(bearer(token))
      .send({ orderId: order.id, amount: order.totalAmount, currency: order.currency, paymentMethod });

  /** Pays and expects the payment to be accepted (201, processing). */
  const payAccepted = async (token: string, order: OrderResponse, paymentMethod: object) => {
    const res = await pay(token, order, paymentMethod);
    if (res.status !== 201) throw new Error(`POST /api/payments: ${res.status} ${JSON.stringify(res.body)}`);
    return PaymentResponseSchema.parse(res.body);
  };

  const readPayment = async (token: string, paymentId: string) =>
    PaymentResponseSchema.parse(
      (await payments().get(`/api/payments/${paymentId}`).set(bearer(token)).expect(200)).body,
    );

  const wallet = async (token: string) =>
    WalletResponseSchema.parse((await payments().get('/api/wallet').set(bearer(token)).expect(200)).body);

  const cancel = (token: string, orderId: string) =>
    orders().post(`/api/orders/${orderId}/cancel`).set(bearer(token));

  return {
    newShop,
    createOrder,
    readOrder,
    orderReaches,
    stockOf,
    pay,
    payAccepted,
    readPayment,
    wallet,
    cancel,
    topUp: (token: string, amount: number, paymentMethod: object) =>
      payments()
        .post('/api/wallet/top-up')
        .set(bearer(token))
        .send({ amount, currency: 'USD', paymentMethod }),
    breakerStatus: async () =>
      BreakerStatusSchema.parse((await payments().get('/api/circuit-breaker/status').expect(200)).body),
  };
}
