import { type InternalOrderResponse, type InternalUserResponse } from '@platform/contracts';
import { type Logger } from '@platform/service-kit';
import { type Config } from '../config';
import { type Gateway } from '../gateway/gateway.client';
import { type PaymentMetrics } from './payment-metrics';
import { type PaymentsRepository } from './payments.repository';
import { type WalletPort } from './ports';
import { type RefundsRepository } from './refunds.repository';

/** What the payments use cases are given (compose.ts → payments.component.ts). */
export interface PaymentDeps {
  config: Config;
  payments: PaymentsRepository;
  refunds: RefundsRepository;
  gateway: Gateway;
  /** order-service's `GET /internal/orders/{id}` through the `order_service` breaker. */
  fetchOrder: (orderId: string) => Promise<InternalOrderResponse | undefined>;
  /** user-service's `GET /internal/users/{id}` through the `user_service` breaker: is the payer active? */
  fetchUser: (userId: string) => Promise<InternalUserResponse | undefined>;
  /** The wallet component's port (plugged in after both components are built). */
  wallet: () => WalletPort;
  metrics: PaymentMetrics;
  logger: Logger;
  now: () => Date;
}
