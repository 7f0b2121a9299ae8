import { TOPICS } from '@platform/contracts';
import { EventConsumer, PgInbox } from '@platform/messaging';
import { type ComponentDeps } from '../component';
import { type UsageRepository } from './usage.repository';

/**
 * Sums `UsageRecorded` (usage.events, from data-pipeline's and ml-engine's meters) into `usage_daily`,
 * and keeps the `tenants` projection from `TenantCreated` (user.events) for the plans. Both through the
 * PostgreSQL inbox: the sum and the event's mark commit together, so a redelivered event counts once.
 * A new group reads from the beginning: usage published before the first start still counts, and a shop
 * created before it still has its plan.
 */
export function usageEventsConsumer(deps: ComponentDeps, repo: UsageRepository): EventConsumer {
  const { broker, config, pool, metrics } = deps;
  const inbox = new PgInbox(pool);
  return new EventConsumer(broker, {
    groupId: broker.topic(`${config.CONSUMER_GROUP}.usage`),
    topics: [TOPICS.usageEvents, TOPICS.userEvents],
    fromBeginning: true,
    metrics,
    handlers: {
      UsageRecorded: inbox.handle((e, tx) => repo.add(tx, e.data)),
      TenantCreated: inbox.handle((e, tx) => repo.addTenant(tx, e.data)),
    },
  });
}
