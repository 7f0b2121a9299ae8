import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { TOPICS, type OrderResponse } from '@platform/contracts';
import { freePort, type RunningService } from '@platform/devstack';
import {
  bearer,
  shopAccounts,
  startOrderServiceProcess,
  startPaymentGatewaySimulator,
  startPrivateServer,
  startUserServiceProcess,
  uniqueTopicPrefix,
} from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers, type Logger } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadPaymentServiceConfig } from '../src/config';

export { bearer };

/** A card as a buyer types it (any test card number of the simulator; expiry next year). */
export const card = (cardNumber = '4242424242424242') => ({
  type: 'credit_card' as const,
  cardNumber,
  expiryMonth: '12',
  expiryYear: String(new Date().getUTCFullYear() + 1),
  cvv: '123',
});

/**
 * payment-service composed as main.ts composes it, listening on a port of its own (the gateway calls it
 * back there), on a Redis server of its own (AOF on, as in production), with real user-service and
 * order-service processes and a payment-gateway simulator of its own, all on one topic prefix.
 */
export async function startPaymentService(
  opts: {
    env?: Record<string, string>;
    startBackground?: boolean;
    logger?: Logger;
    /** Options of the gateway simulator (callback delay, slow delay …). */
    gateway?: { callbackDelayMs?: number; slowMs?: number };
  } = {},
) {
  const prefix = uniqueTopicPrefix();
  const redisServer = await startPrivateServer('redis');
  const users = await startUserServiceProcess(prefix);
  let orders: RunningService;
  try {
    orders = await startOrderServiceProcess({ prefix, usersUrl: users.url });
  } catch (err) {
    await users.stop();
    await redisServer.dispose();
    throw err;
  }
  const port = await freePort();
  const callbackUrl = `http://127.0.0.1:${port}/api/webhooks/payment-gateway`;
  const gateway = await startPaymentGatewaySimulator({ callbackUrl, ...opts.gateway });
  const config = loadPaymentServiceConfig({
    ...process.env,
    PORT: String(port),
    REDIS_URL: redisServer.url(),
    USER_SERVICE_URL: users.url,
    ORDER_SERVICE_URL: orders.url,
    PAYMENT_GATEWAY_URL: gateway.url,
    PAYMENT_GATEWAY_CALLBACK_URL: callbackUrl,
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_POLL_MS: '20',
    ...opts.env,
  });
  const logger = opts.logger ?? createLogger('payment-service', 'silent');
  const metrics = createMetrics('payment-service', { defaults: false });
  const svc = await compose({ config, logger, metrics }, { startBackground: opts.startBackground ?? true });
  const server: Server = await new Promise((resolve) => {
    const s = svc.app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const { app } = svc;
  const accounts = shopAccounts(users.url);

  /** A shop with an admin and a buyer (a viewer), and an item of `price` with `stock` units. */
  const newShopWithItem = async (price = 25.99, stock = 10) => {
    const shop = await accounts.newShop();
    const buyer = await accounts.addMember(shop.admin, 'viewer');
    const item = await request(orders.url)
      .post('/api/items')
      .set(bearer(shop.token))
      .send({ title: `Game ${randomUUID().slice(0, 6)}`, category: 'games', price, stock })
      .expect(201);
    return { ...shop, buyer, itemId: (item.body as { item_id: string }).item_id };
  };

  /** An order (pending) of `quantity` units of `itemId` by the signed-in `token`. */
  const createOrder = async (token: string, itemId: string, quantity = 1): Promise<OrderResponse> => {
    const res = await request(orders.url)
      .post('/api/orders')
      .set(bearer(token))
      .send({ items: [{ productId: itemId, quantity }] });
    if (res.status !== 201) throw new Error(`POST /api/orders: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as OrderResponse;
  };

  /** The order as order-service shows it now. */
  const readOrder = async (token: string, orderId: string): Promise<OrderResponse> =>
    (await request(orders.url).get(`/api/orders/${orderId}`).set(bearer(token)).expect(200))
      .body as OrderResponse;

  return {
    app,
    url: `http://127.0.0.1:${port}`,
    svc,
    config,
    metrics,
    redis: svc.redis,
    redisServer,
    users,
    orders,
    gateway,
    prefix,
    topics: {
      orders: `${prefix}${TOPICS.orderEvents}`,
      payments: `${prefix}${TOPICS.paymentEvents}`,
    },
    ...accounts,
    newShopWithItem,
    createOrder,
    readOrder,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await runClosers(svc.closers, logger);
      svc.redis.disconnect();
      await gateway.stop();
      await orders.stop();
      await users.stop();
      await redisServer.dispose();
    },
  };
}
export type PaymentService = Awaited<ReturnType<typeof startPaymentService>>;
