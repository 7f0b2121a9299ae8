import { randomUUID } from 'node:crypto';
import { EVENTS, type DomainEvent, type EventData, type EventType } from '@platform/contracts';

/** A new event in the envelope of docs/architecture.md, with its topic. */
export function createEvent<T extends EventType>(
  type: T,
  init: { aggregateId: string; tenantId?: string; data: EventData<T>; occurredAt?: Date },
): DomainEvent<T> {
  const def = EVENTS[type];
  return {
    event_id: randomUUID(),
    event_type: type,
    aggregate_id: init.aggregateId,
    aggregate_type: def.aggregateType,
    occurred_at: (init.occurredAt ?? new Date()).toISOString(),
    version: def.version,
    ...(init.tenantId ? { tenant_id: init.tenantId } : {}),
    data: init.data,
  };
}

export const topicOf = (type: EventType): string => EVENTS[type].topic;
