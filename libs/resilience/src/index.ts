export { BreakerRegistry } from './breaker-registry';
export { retryAfterMs } from './service-client';
export {
  ServiceClient,
  type ServiceClientOptions,
  type CallOptions,
  type ServiceTokenMinter,
} from './service-client';
export { registerBreakerPaths } from './breakers.openapi';
