import { randomUUID } from 'node:crypto';
import { TOPICS, type RetrainPolicy } from '@platform/contracts';
import { EventConsumer, PgInbox } from '@platform/messaging';
import { type ComponentDeps } from '../component';
import { trainingRepository as repo } from './training.repository';

/** What a tenant without a policy row has: no retraining on new data. */
export const DEFAULT_POLICY: RetrainPolicy = {
  enabled: false,
  model_type: 'matrix_factorization',
  min_new_rows: 1000,
};

/**
 * `TrainingDataUpdated` (data.events) → a job when the tenant's policy is on and at least min_new_rows
 * arrived since the policy last queued one. Through the inbox: the policy row is locked, the job and the
 * new row count commit with the event's mark, so a redelivery queues nothing more. A tenant that already
 * has a job queued or running gets none (the next update tries again, the rows still count).
 */
export function retrainConsumer(deps: ComponentDeps): EventConsumer {
  const { broker, pool, metrics, config } = deps;
  const inbox = new PgInbox(pool);
  return new EventConsumer(broker, {
    groupId: broker.topic(`${config.CONSUMER_GROUP}.training`),
    topics: [TOPICS.dataEvents],
    metrics,
    handlers: {
      TrainingDataUpdated: inbox.handle(async (e, tx) => {
        const { tenant_id: tenantId, row_count: rows } = e.data;
        const found = await repo.policy(tx, tenantId, true);
        if (!found?.policy.enabled || rows - found.lastRowCount < found.policy.min_new_rows) return;
        const job = await repo.insert(tx, {
          ...{ jobId: randomUUID(), tenantId, modelType: found.policy.model_type, hyperparameters: {} },
        });
        // the runner's poll claims it once this transaction commits
        if (job) await repo.policyQueued(tx, tenantId, rows);
      }),
    },
  });
}
