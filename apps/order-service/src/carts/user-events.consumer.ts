import { TOPICS, type DomainEvent } from '@platform/contracts';
import { type Broker, EventConsumer } from '@platform/messaging';
import { type Metrics } from '@platform/service-kit';
import { type CartDeps } from './cart-deps';
import { migrateSession } from './migrate-session';

export const CARTS_CONSUMER_GROUP = 'order-service.carts';

/**
 * `UserLoggedIn` with a guest `session_id`: the guest's cart and wishlist move to the user (seed 003).
 * Exactly once without an inbox: the migration's own mark makes a redelivery finish or change nothing
 * (see migrate-session.ts).
 */
export function userEventsConsumer(broker: Broker, deps: CartDeps, metrics?: Metrics): EventConsumer {
  const onLogin = async (event: DomainEvent<'UserLoggedIn'>) => {
    const { session_id: sessionId, user_id: userId } = event.data;
    if (!sessionId) return;
    if (!event.tenant_id) {
      deps.logger.warn('UserLoggedIn without a tenant: no cart to move', { event_id: event.event_id });
      return;
    }
    const result = await migrateSession(event.tenant_id, sessionId, userId, deps);
    if (result.cart || result.wishlist)
      deps.logger.info('guest session moved at login', { event_id: event.event_id, ...result });
  };
  return new EventConsumer(broker, {
    // with the topic prefix: test runs on their own topics never share a group
    groupId: broker.topic(CARTS_CONSUMER_GROUP),
    topics: [TOPICS.userEvents],
    metrics,
    handlers: { UserLoggedIn: onLogin },
  });
}
