import { TOPICS } from '@platform/contracts';
import { EventConsumer, PgInbox } from '@platform/messaging';
import { type Background, type ComponentDeps } from '../component';
import { type UsageRepository } from './usage.repository';

/**
 * Sums `UsageRecorded` (usage.events, from data-pipeline's and ml-engine's meters) into `usage_daily`,
 * and keeps the `tenants` projection from `TenantCreated` (user.events) for the plans. Both through the
 * PostgreSQL inbox: the sum and the event's mark commit together, so a redelivered event counts once.
 * A new group reads from the beginning: usage published before the first start still counts, and a shop
 * created before it still has its plan.
 */
export function usageEventsConsumer(deps: ComponentDeps, repo: UsageRepository): EventConsumer {
  const { broker, pool, metrics } = deps;
  const inbox = new PgInbox(pool);
  return new EventConsumer(broker, {
    groupId: usageGroup(deps),
    topics: [TOPICS.usageEvents, TOPICS.userEvents],
    fromBeginning: true,
    metrics,
    handlers: {
      UsageRecorded: inbox.handle((e, tx) => repo.add(tx, e.data)),
      TenantCreated: inbox.handle((e, tx) => repo.addTenant(tx, e.data)),
    },
  });
}

export const usageGroup = ({ broker, config }: Pick<ComponentDeps, 'broker' | 'config'>) =>
  broker.topic(`${config.CONSUMER_GROUP}.usage`);

const PRUNE_EVERY_MS = 6 * 3_600_000;
const KEEP_MARKS_DAYS = 30;

/** Drops the usage consumer's inbox marks older than a month, at start and every six hours. */
export function inboxPruner(deps: ComponentDeps, repo: UsageRepository): Background {
  let timer: NodeJS.Timeout | undefined;
  const prune = () =>
    void repo
      .pruneMarks(usageGroup(deps), KEEP_MARKS_DAYS)
      .catch((err: Error) => deps.logger.warn('Usage inbox not pruned', { error: err.message }));
  return {
    start: () => {
      prune();
      timer = setInterval(prune, PRUNE_EVERY_MS).unref();
    },
    stop: async () => clearInterval(timer),
  };
}
