import { notificationSecretKey } from '@platform/auth';
import { type Broker } from '@platform/messaging';
import { type ServiceClient } from '@platform/resilience';
import { type Cache, type Logger, type Metrics } from '@platform/service-kit';
import { type Router } from 'express';
import { type mongo } from 'mongoose';
import { type Config } from '../config';
import { PromoCodesRepository } from '../promo-codes/promo-codes.repository';
import { promoCodesRouter } from '../promo-codes/promo-codes.routes';
import { OrderCache } from './order-cache';
import { type OrderDeps } from './order-deps';
import { orderFulfilment } from './order-fulfilment';
import { orderMetrics } from './order-metrics';
import { type CartPort, type CatalogPort } from './order-ports';
import { OrderSweeper } from './order-sweeper';
import { OrdersRepository } from './orders.repository';
import { ordersRouter } from './orders.routes';
import { paymentEventsConsumer } from './payment-events.consumer';

export interface OrdersComponentDeps {
  config: Config;
  database: mongo.Db;
  broker: Broker;
  cache: Cache;
  userService: ServiceClient;
  catalog: CatalogPort;
  carts?: CartPort;
  logger: Logger;
  metrics: Metrics;
  clock?: () => Date;
}

/** Orders and promo codes: their routers, the payment-events consumer and the sweeper, for compose.ts. */
export function ordersComponent(d: OrdersComponentDeps) {
  const deps: OrderDeps = {
    orders: new OrdersRepository(d.database),
    promos: new PromoCodesRepository(d.database),
    catalog: d.catalog,
    carts: d.carts,
    userService: d.userService,
    cache: new OrderCache(d.cache),
    metrics: orderMetrics(d.metrics),
    logger: d.logger,
    clock: d.clock ?? (() => new Date()),
    expiryMinutes: d.config.ORDER_EXPIRY_MINUTES,
    notificationKey: notificationSecretKey(d.config.NOTIFICATION_SECRET_KEY),
  };
  const consumer = paymentEventsConsumer(d.broker, deps, d.metrics);
  const sweeper = new OrderSweeper(deps, {
    intervalMs: d.config.ORDER_SWEEP_INTERVAL_MS,
    reservationTimeoutMs: d.config.ORDER_RESERVATION_TIMEOUT_MS,
    fullSweepMs: d.config.ORDER_FULL_SWEEP_MS,
  });
  const routers: Router[] = [ordersRouter(deps), promoCodesRouter(deps)];
  return {
    deps,
    routers,
    sweeper,
    consumer,
    fulfilment: orderFulfilment(deps),
    ensureIndexes: () => deps.orders.ensureIndexes(),
    /** For compose.ts' `background`: the consumer of payment.events, and the sweeper. */
    background: [
      { start: () => consumer.start(), stop: () => consumer.stop() },
      { start: () => sweeper.start(), stop: () => sweeper.stop() },
    ],
  };
}
