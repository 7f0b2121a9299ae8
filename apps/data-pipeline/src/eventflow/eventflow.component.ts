import { type RequestHandler } from 'express';
import { type Component, type ComponentDeps } from '../component';
import { ConsumersRepository } from './consumers.repository';
import { consumersRouter } from './consumers.routes';
import { type EventFlowDeps } from './eventflow-deps';
import { EventsRepository } from './events.repository';
import { eventsRouter } from './events.routes';
import { eventflowHealthRouter } from './health.routes';
import { ProducersRepository } from './producers.repository';
import { producersRouter } from './producers.routes';
import { identifyProducer } from './producer-keys';
import { PublishBatcher } from './publish-batcher';
import { storeEventsConsumer } from './store-events.consumer';

/**
 * EventFlow (seed 004): producers, events, queries, consumers with cursors. `identify` resolves producer
 * keys (`evp_…`) before the public routes' guards.
 */
export function eventflowComponent(deps: ComponentDeps): Component & { identify: RequestHandler } {
  const batcher = new PublishBatcher(deps.publisher);
  const use: EventFlowDeps = {
    producers: new ProducersRepository(deps.pool),
    events: new EventsRepository(deps.pool),
    consumers: new ConsumersRepository(deps.pool),
    publish: (message) => batcher.publish(message),
    acceptTimeoutMs: deps.config.EVENTFLOW_ACCEPT_TIMEOUT_MS,
    broker: deps.broker,
    pool: deps.pool,
    logger: deps.logger,
    now: () => new Date(),
  };
  const store = storeEventsConsumer(deps.broker, deps.config.CONSUMER_GROUP, use.events, deps.metrics);
  return {
    routers: [eventflowHealthRouter(use), producersRouter(use), eventsRouter(use), consumersRouter(use)],
    background: [store],
    // a stalled store delays queries and consumers but accepting events goes on: not critical
    checks: [{ ...store.healthCheck('eventflow_store_consumer'), critical: false }],
    identify: identifyProducer(use),
  };
}
