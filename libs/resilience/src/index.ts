export { BreakerRegistry } from './breaker-registry';
export { ServiceClient, type ServiceClientOptions, type CallOptions } from './service-client';
