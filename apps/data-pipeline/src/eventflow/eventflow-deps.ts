import { type Broker, type OutgoingMessage } from '@platform/messaging';
import { type Logger } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type ConsumersRepository } from './consumers.repository';
import { type EventsRepository } from './events.repository';
import { type ProducersRepository } from './producers.repository';

/** What EventFlow's use cases work with (built in eventflow.component.ts). */
export interface EventFlowDeps {
  producers: ProducersRepository;
  events: EventsRepository;
  consumers: ConsumersRepository;
  /** acks=all: an event is accepted only once this resolved (batched with concurrent ones). */
  publish: (message: OutgoingMessage) => Promise<void>;
  /** Longest a producer waits for Kafka's acknowledgement before a 503. */
  acceptTimeoutMs: number;
  broker: Broker;
  pool: Pool;
  logger: Logger;
  now: () => Date;
}
