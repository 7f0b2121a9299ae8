import { type z } from 'zod';
import { EventEnvelopeSchema, type EventEnvelope } from './envelope';
import { TOPICS, type Topic } from './topics';
import { UserCreatedDataSchema } from './users/user-events';

interface EventDefinition<TSchema extends z.ZodType> {
  topic: Topic;
  aggregateType: string;
  version: number;
  data: TSchema;
}

/** Every event type: where it is published, what aggregate it describes and the schema of its data. */
export const EVENTS = {
  UserCreated: { topic: TOPICS.userEvents, aggregateType: 'user', version: 1, data: UserCreatedDataSchema },
} as const satisfies Record<string, EventDefinition<z.ZodType>>;

export type EventType = keyof typeof EVENTS;
export type EventData<T extends EventType> = z.infer<(typeof EVENTS)[T]['data']>;
export type DomainEvent<T extends EventType> = EventEnvelope<EventData<T>, T>;

export const isKnownEventType = (type: string): type is EventType => Object.hasOwn(EVENTS, type);

/** The full schema (envelope and data) of one event type. */
export function eventSchema<T extends EventType>(type: T) {
  return EventEnvelopeSchema.extend({ data: EVENTS[type].data });
}
