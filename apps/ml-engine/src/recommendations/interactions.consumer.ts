import { TOPICS } from '@platform/contracts';
import { EventConsumer, RedisInbox } from '@platform/messaging';
import { type ComponentDeps } from '../component';
import { type RecentInteractions } from './recent-interactions';

/**
 * Follows data-pipeline's `interactions.ingested` into the users' recent lists and the tenants'
 * popularity counters. The event id is the interaction id: the RedisInbox claims it with SET NX in the
 * same script as the change, so a redelivery changes nothing.
 */
export function interactionsConsumer(deps: ComponentDeps, recent: RecentInteractions): EventConsumer {
  const { broker, config, redis, metrics, logger } = deps;
  const inbox = new RedisInbox(redis, { prefix: 'ml:inbox', ttlSeconds: 7 * 24 * 3600 });
  return new EventConsumer(broker, {
    groupId: broker.topic(`${config.CONSUMER_GROUP}.recent-interactions`),
    topics: [TOPICS.interactionsIngested],
    metrics,
    handlers: {
      InteractionIngested: inbox.handle(async (event) => {
        if (!event.tenant_id) {
          logger.warn('Interaction without a tenant skipped', { event_id: event.event_id });
          return [];
        }
        return recent.commandsFor(event.tenant_id, event);
      }),
    },
  });
}
