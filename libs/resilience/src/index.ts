export { BreakerRegistry } from './breaker-registry';
export {
  ServiceClient,
  type ServiceClientOptions,
  type CallOptions,
  type ServiceTokenMinter,
} from './service-client';
