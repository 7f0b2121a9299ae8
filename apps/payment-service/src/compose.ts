import { userServiceClient } from '@platform/clients';
import { TOPICS } from '@platform/contracts';
import { Broker, Publisher, RedisOutboxRelay } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import { createRedis, openApiRouter, type ServiceContext } from '@platform/service-kit';
import { type Router } from 'express';
import { buildApp } from './app';
import { createOrderServiceClient } from './clients/order-service.client';
import { type Config } from './config';
import { createGatewayClient } from './gateway/gateway.client';
import { buildPaymentServiceOpenApi } from './openapi/openapi';
import { keys } from './payments/payment-record';
import { paymentsComponent } from './payments/payments.component';
import { walletComponent } from './wallet/wallet.component';

export interface ComposeOptions {
  /** Start the outbox relay, the consumer and the reconciler at once (main.ts); crash tests start them later. */
  startBackground?: boolean;
}

/** payment-service wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose(
  { config, logger, metrics }: ServiceContext<Config>,
  opts: ComposeOptions = {},
) {
  const redis = createRedis(config.REDIS_URL, { metrics });
  await redis.connect();
  const broker = Broker.fromConfig('payment-service', config, logger);
  await broker.ensureTopics([TOPICS.paymentEvents, TOPICS.orderEvents]);
  const publisher = new Publisher(broker, metrics);
  const relay = new RedisOutboxRelay({
    redis,
    stream: keys.outbox,
    publisher,
    logger,
    metrics,
    idleMs: config.OUTBOX_POLL_MS,
  });
  const breakers = new BreakerRegistry(metrics);
  const orderService = createOrderServiceClient(config, breakers);
  const userService = userServiceClient('payment-service', config, breakers);
  const gateway = createGatewayClient(config, breakers);

  // each component's routers, and its background work (consumers, the reconciler): started last, stopped first
  const routers: Router[] = [openApiRouter(buildPaymentServiceOpenApi())];
  const background: { start(): void | Promise<void>; stop(): Promise<void> }[] = [];

  const payments = paymentsComponent({
    config,
    redis,
    broker,
    orderService,
    userService,
    gateway,
    logger,
    metrics,
  });
  const wallet = walletComponent({ config, redis, cards: payments.cards, logger, metrics });
  payments.useWallet(wallet.port);
  routers.push(...payments.routers, ...wallet.routers);
  background.push(...payments.background);

  const { app, health } = buildApp({
    config,
    redis,
    broker,
    breakers,
    orderService,
    userService,
    checks: [relay.healthCheck(), ...payments.checks],
    routers,
    logger,
    metrics,
  });
  const startBackground = async () => {
    for (const b of background) await b.start();
    relay.start();
  };
  if (opts.startBackground ?? true) await startBackground();
  return {
    app,
    health,
    redis,
    broker,
    publisher,
    relay,
    breakers,
    orderService,
    userService,
    gateway,
    payments,
    wallet,
    startBackground,
    closers: [
      () => relay.stop(),
      ...background.map((b) => () => b.stop()),
      () => breakers.shutdown(),
      () => publisher.disconnect(),
      () => broker.disconnect(),
      () => redis.quit(),
    ],
  };
}
