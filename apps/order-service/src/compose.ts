import { userServiceClient } from '@platform/clients';
import { TOPICS } from '@platform/contracts';
import { Broker, MongoOutboxRelay, Publisher } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import {
  Cache,
  createRedis,
  MongoPendingInvalidations,
  openApiRouter,
  type ServiceContext,
} from '@platform/service-kit';
import { type Router } from 'express';
import { buildApp } from './app';
import { type Config } from './config';
import { cartsComponent } from './carts/carts.component';
import { catalogComponent } from './catalog/catalog-component';
import { connectMongo } from './db/mongo';
import { supplierComponent } from './supplier/supplier.component';
import { fulfilmentPortOf } from './webhooks/fulfilment-port';
import { supplierWebhookRouter } from './webhooks/supplier-webhook.routes';
import { WebhookEventsRepository } from './webhooks/webhook-events.repository';
import { buildOrderServiceOpenApi } from './openapi/openapi';
import { catalogPort } from './orders/catalog-adapter';
import { ordersComponent } from './orders/orders.component';

export interface ComposeOptions {
  /** Start the outbox relay and the consumers at once (main.ts); tests that stage a crash start them later. */
  startBackground?: boolean;
}

/**
 * The collections whose documents carry pending events (withEvents), published by one relay; their
 * repositories hint it to the documents they wrote (MongoOutbox.hint).
 */
export const OUTBOX_COLLECTIONS = ['items', 'orders'];

/** order-service wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose(
  { config, logger, metrics }: ServiceContext<Config>,
  opts: ComposeOptions = {},
) {
  const mongo = await connectMongo(config.MONGO_URL, metrics);
  // the cache is optional: start without it and let the client reconnect when Redis comes
  const redis = createRedis(config.REDIS_URL, { metrics });
  const redisConnected = redis.connect().then(
    () => true,
    (err: Error) => {
      logger.warn('Redis unavailable at start; running without the cache', { error: err.message });
      return false;
    },
  );
  const broker = Broker.fromConfig('order-service', config, logger);
  await broker.ensureTopics([TOPICS.itemEvents, TOPICS.orderEvents, TOPICS.paymentEvents, TOPICS.userEvents]);
  const publisher = new Publisher(broker, metrics);
  const relay = new MongoOutboxRelay({
    connection: mongo,
    collections: OUTBOX_COLLECTIONS,
    publisher,
    logger,
    metrics,
    idleMs: config.OUTBOX_POLL_MS,
    sweepMs: config.OUTBOX_SWEEP_MS,
  });
  const breakers = new BreakerRegistry(metrics);
  const userService = userServiceClient('order-service', config, breakers);

  // each component's router, from its use cases (catalog, carts, wishlists, orders, promo codes, webhooks)
  const routers: Router[] = [openApiRouter(buildOrderServiceOpenApi())];
  // background work: the relay, the consumers, the sweepers; started last, stopped first
  const background: { start(): void | Promise<void>; stop(): Promise<void> }[] = [];
  // one Cache per process: it registers the cache metrics once; failed invalidations wait in MongoDB
  const cache = new Cache(redis, logger, metrics, { pending: new MongoPendingInvalidations(mongo.db!) });

  const catalog = await catalogComponent({ mongo, cache });
  routers.push(catalog.router);

  const carts = cartsComponent({ database: mongo.db!, broker, cache, items: catalog.items, logger, metrics });
  await carts.ensureIndexes();
  routers.push(...carts.routers);
  background.push(...carts.background);

  const orders = ordersComponent({
    config,
    database: mongo.db!,
    broker,
    cache,
    userService,
    catalog: catalogPort(catalog.items),
    carts: carts.port,
    logger,
    metrics,
  });
  await orders.ensureIndexes();
  routers.push(...orders.routers);
  background.push(...orders.background);

  const supplier = supplierComponent({ config, mongo, breakers, cache, logger });
  routers.push(supplier.router);
  routers.push(
    supplierWebhookRouter({
      secret: config.SUPPLIER_WEBHOOK_SECRET,
      events: new WebhookEventsRepository(mongo.db!),
      fulfilment: fulfilmentPortOf(orders.fulfilment),
      logger,
    }),
  );

  const { app, health } = buildApp({
    config,
    mongo,
    redis,
    broker,
    breakers,
    userService,
    logger,
    metrics,
    outboxCheck: relay.healthCheck(),
    routers,
  });
  const startBackground = async () => {
    for (const b of background) await b.start();
    relay.start();
  };
  if (opts.startBackground ?? true) await startBackground();
  return {
    app,
    health,
    mongo,
    redis,
    redisConnected,
    broker,
    publisher,
    relay,
    breakers,
    userService,
    startBackground,
    orders,
    carts,
    catalog,
    supplier,
    closers: [
      () => relay.stop(),
      ...background.map((b) => () => b.stop()),
      () => breakers.shutdown(),
      () => publisher.disconnect(),
      () => broker.disconnect(),
      () => redis.quit(),
      () => mongo.close(),
    ],
  };
}
