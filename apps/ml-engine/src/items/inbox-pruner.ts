import { PgInbox } from '@platform/messaging';
import { type Background, type ComponentDeps } from '../component';

const PRUNE_EVERY_MS = 6 * 3_600_000;
/** Far beyond any redelivery window: a replay from the DLQ is a new decision, not a duplicate. */
const KEEP_MARKS_DAYS = 30;

/** Drops ml-engine's inbox marks older than a month (all its consumers share the table), at start and every six hours. */
export function inboxPruner({ pool, logger }: Pick<ComponentDeps, 'pool' | 'logger'>): Background {
  const inbox = new PgInbox(pool);
  let timer: NodeJS.Timeout | undefined;
  const prune = () =>
    void inbox
      .prune(KEEP_MARKS_DAYS)
      .catch((err: Error) => logger.warn('Inbox not pruned', { error: err.message }));
  return {
    start: () => {
      prune();
      timer = setInterval(prune, PRUNE_EVERY_MS).unref();
    },
    stop: async () => clearInterval(timer),
  };
}
