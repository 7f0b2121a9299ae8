import { TOPICS } from '@platform/contracts';
import { EventConsumer, type Broker } from '@platform/messaging';
import { type Metrics } from '@platform/service-kit';
import { type Config } from '../config';
import { type CancelledOrdersRepository } from './cancelled-orders.repository';

export const orderProjectionGroup = (config: Pick<Config, 'CONSUMER_GROUP'>) =>
  `${config.CONSUMER_GROUP}.orders`;

/**
 * Records the cancellations of paid orders in a group of its own: the mail group's order.events
 * partitions may wait (SMTP down, a recipient not yet known), and a refund must not wait for them.
 * Writes are idempotent (a field set to the event's value), so no inbox is needed.
 */
export function buildOrderProjection(deps: {
  config: Config;
  broker: Broker;
  cancelledOrders: CancelledOrdersRepository;
  metrics?: Metrics;
}): EventConsumer {
  const { config, cancelledOrders } = deps;
  return new EventConsumer(deps.broker, {
    groupId: orderProjectionGroup(config),
    topics: [TOPICS.orderEvents],
    fromBeginning: true,
    retry: { initialMs: config.CONSUMER_RETRY_INITIAL_MS, maxMs: config.CONSUMER_RETRY_MAX_MS },
    partitionsConsumedConcurrently: config.CONSUMER_CONCURRENCY,
    maxWaitMs: config.CONSUMER_MAX_WAIT_MS,
    metrics: deps.metrics,
    handlers: {
      OrderCancelled: async ({ data }) => {
        if (data.previous_status !== 'pending')
          await cancelledOrders.markCancelled(data.order_id, data.cancelled_at);
      },
    },
  });
}
