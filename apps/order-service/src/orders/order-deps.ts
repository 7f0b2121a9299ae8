import { type ServiceClient } from '@platform/resilience';
import { type Logger } from '@platform/service-kit';
import { type PromoCodesRepository } from '../promo-codes/promo-codes.repository';
import { type OrderCache } from './order-cache';
import { type OrderMetrics } from './order-metrics';
import { type CartPort, type CatalogPort } from './order-ports';
import { type OrdersRepository } from './orders.repository';

/** What the order use cases are given (built in compose.ts). */
export interface OrderDeps {
  orders: OrdersRepository;
  promos: PromoCodesRepository;
  catalog: CatalogPort;
  carts?: CartPort;
  userService: ServiceClient;
  cache: OrderCache;
  metrics: OrderMetrics;
  logger: Logger;
  clock: () => Date;
  /** A pending order unpaid this long expires (ORDER_EXPIRY_MINUTES). */
  expiryMinutes: number;
  /** Seals the delivered keys in OrderFulfilled for notification-worker (NOTIFICATION_SECRET_KEY). */
  notificationKey: Buffer;
}
