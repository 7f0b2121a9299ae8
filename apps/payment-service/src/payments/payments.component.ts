import { fetchInternalUser } from '@platform/clients';
import { type Broker } from '@platform/messaging';
import { type ServiceClient } from '@platform/resilience';
import { type Logger, type Metrics } from '@platform/service-kit';
import { type Router } from 'express';
import type Redis from 'ioredis';
import { fetchOrder } from '../clients/order-service.client';
import { type Config } from '../config';
import { gatewayOf } from '../gateway/gateway.client';
import { gatewayWebhookRouter } from '../webhooks/gateway-webhook.routes';
import { WebhookEventsRepository } from '../webhooks/webhook-events.repository';
import { cardChargePort } from './card-charges';
import { orderEventsConsumer } from './order-events.consumer';
import { type PaymentDeps } from './payment-deps';
import { PaymentMetrics } from './payment-metrics';
import { paymentsRouter } from './payments.routes';
import { PaymentsRepository } from './payments.repository';
import { type CardChargePort, type WalletPort } from './ports';
import { paymentReconciler } from './reconciler';
import { RefundsRepository } from './refunds.repository';

/**
 * Payments by card and wallet, refunds, the gateway's callbacks, the reconciler of unanswered charges
 * and the consumer that refunds closed orders. The wallet component plugs its port in (useWallet).
 */
export function paymentsComponent(deps: {
  config: Config;
  redis: Redis;
  broker: Broker;
  orderService: ServiceClient;
  userService: ServiceClient;
  gateway: ServiceClient;
  logger: Logger;
  metrics: Metrics;
}) {
  let wallet: WalletPort | undefined;
  const use: PaymentDeps = {
    config: deps.config,
    payments: new PaymentsRepository(deps.redis),
    refunds: new RefundsRepository(deps.redis),
    gateway: gatewayOf(deps.gateway, deps.config.GATEWAY_API_KEY),
    fetchOrder: fetchOrder(deps.orderService),
    fetchUser: fetchInternalUser(deps.userService),
    wallet: () => {
      if (!wallet) throw new Error('payments: the wallet port is not plugged in');
      return wallet;
    },
    metrics: new PaymentMetrics(deps.metrics),
    logger: deps.logger,
    now: () => new Date(),
  };
  const cards: CardChargePort = cardChargePort(use);
  const webhooks = {
    secret: deps.config.PAYMENT_GATEWAY_WEBHOOK_SECRET,
    events: new WebhookEventsRepository(deps.redis),
    payments: use,
  };
  const routers: Router[] = [paymentsRouter(use), gatewayWebhookRouter(webhooks)];
  const closedOrders = orderEventsConsumer(deps.broker, use, deps.metrics);
  const background: { start(): void | Promise<void>; stop(): Promise<void> }[] = [
    closedOrders,
    paymentReconciler(use),
  ];
  return {
    routers,
    background,
    cards,
    /** For /health: the consumer of order.events (a stalled group degrades the service). */
    checks: [{ ...closedOrders.healthCheck('order_events_consumer'), critical: false }],
    deps: use,
    useWallet: (w: WalletPort) => void (wallet = w),
  };
}
