import { TOPICS } from '@platform/contracts';
import { EventConsumer, type Broker } from '@platform/messaging';
import { AppError, type Metrics } from '@platform/service-kit';
import { type EventsRepository } from './events.repository';

/**
 * Writes each accepted event to PostgreSQL once: the event id is the primary key, so a redelivery after
 * a crash inserts nothing. A database outage is retriable (the partition waits and tries again); an
 * event without a tenant cannot be stored anywhere and goes to the dead-letter topic.
 * From the beginning: a new group must not skip events accepted before it first ran.
 */
export function storeEventsConsumer(
  broker: Broker,
  group: string,
  events: EventsRepository,
  metrics: Metrics,
) {
  return new EventConsumer(broker, {
    groupId: broker.topic(`${group}.eventflow-store`),
    topics: [TOPICS.eventflowEvents],
    fromBeginning: true,
    metrics,
    handlers: {
      EventFlowEventReceived: async (e) => {
        if (!e.tenant_id)
          throw new AppError({
            code: 'VALIDATION_ERROR',
            status: 400,
            message: 'EventFlow event without a tenant',
          });
        const { producer_id, event_type, event_version, payload, received_at } = e.data;
        await events.store({
          event_id: e.event_id,
          tenant_id: e.tenant_id,
          producer_id,
          event_type,
          event_version,
          payload,
          received_at,
        });
      },
    },
  });
}
