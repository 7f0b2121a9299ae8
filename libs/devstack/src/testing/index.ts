// Test helpers over the real devstack servers (imported as @platform/devstack/testing, tests only).
export { createTestDatabase, uniqueTopicPrefix } from './databases';
export { eventually, type EventuallyOptions } from './eventually';
export { Mailbox, messageIdOf, type CaughtMail } from './mailbox';
export { startPrivateServer, type PrivateServer } from './private-servers';
export {
  startSupplierSimulator,
  type SupplierSimulator,
  type SupplierSimulatorOptions,
} from '../simulators/supplier/simulator';
export { generateCatalog, type SupplierProduct } from '../simulators/supplier/catalog';
export { SupplierSimulatorServer, SUPPLIER_SIMULATOR_DEV_SECRET } from '../servers/supplier-simulator';
export {
  startPaymentGatewaySimulator,
  PAYMENT_GATEWAY_DEV_API_KEY,
  PAYMENT_GATEWAY_DEV_SECRET,
  type PaymentGatewaySimulator,
  type PaymentGatewaySimulatorOptions,
} from '../simulators/payment-gateway/simulator';
export { TEST_CARDS, type CardOutcome } from '../simulators/payment-gateway/test-cards';
export { PaymentGatewaySimulatorServer } from '../servers/payment-gateway-simulator';
export {
  bearer,
  shopAccounts,
  startOrderServiceProcess,
  startUserServiceProcess,
  type UserServiceProcess,
} from './service-processes';
export {
  approvedCard,
  MAX_TOP_UP,
  seedShops,
  type NewItem,
  type SeededBuyer,
  type SeededShop,
  type ShopSeed,
} from './shops';
export * from './secrets';
