import { userServiceClient } from '@platform/clients';
import { TOPICS } from '@platform/contracts';
import { Broker, PgOutboxRelay, Publisher } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import { createPgPool, createRedis, type ServiceContext } from '@platform/service-kit';
import { Router } from 'express';
import { buildApp } from './app';
import { callers } from './callers/callers';
import { type Background, type ComponentDeps } from './component';
import { type Config } from './config';
import { migrate } from './db/migrate';
import { eventflowComponent } from './eventflow/eventflow.component';
import { ingestionComponent } from './ingestion/ingestion.component';
import { createObjectStore } from '@platform/storage';
import { trainingDataComponent } from './training-data/training-data.component';
import { usageComponent } from './usage/usage.component';

export interface ComposeOptions {
  /** Start consumers, writers and the outbox relay at once (main.ts); crash tests start them later. */
  startBackground?: boolean;
}

/** The topics data-pipeline publishes to or reads from. */
export const DATA_PIPELINE_TOPICS = [
  TOPICS.interactionsIngested,
  TOPICS.itemsIngested,
  TOPICS.eventflowEvents,
  TOPICS.dataEvents,
  TOPICS.usageEvents,
  TOPICS.itemEvents,
  TOPICS.orderEvents,
  TOPICS.userEvents,
];

/** data-pipeline wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose(
  { config, logger, metrics }: ServiceContext<Config>,
  opts: ComposeOptions = {},
) {
  await migrate(config.DATABASE_URL, logger);
  const pool = createPgPool(config.DATABASE_URL, { metrics });
  const redis = createRedis(config.REDIS_URL, { metrics });
  await redis.connect();
  const store = createObjectStore(config, logger);
  await store.init();
  const broker = Broker.fromConfig('data-pipeline', config, logger);
  await broker.ensureTopics(DATA_PIPELINE_TOPICS);
  const publisher = new Publisher(broker, metrics);
  const relay = new PgOutboxRelay({ pool, publisher, logger, metrics, idleMs: config.OUTBOX_POLL_MS });
  const breakers = new BreakerRegistry(metrics);
  const userService = userServiceClient('data-pipeline', config, breakers);
  const deps: ComponentDeps = {
    config,
    pool,
    redis,
    store,
    broker,
    publisher,
    breakers,
    userService,
    logger,
    metrics,
  };

  const who = callers(deps);
  const usage = usageComponent(deps);
  const eventflow = eventflowComponent(deps);
  const trainingData = trainingDataComponent(deps);
  const components = [usage, ingestionComponent(deps), trainingData, eventflow];
  const background: Background[] = [who.revocations, ...components.flatMap((c) => c.background)];
  const { app, health } = buildApp({
    config,
    pool,
    redis,
    store,
    broker,
    breakers,
    logger,
    metrics,
    // users, API keys and services; then EventFlow's producer keys
    authenticate: Router().use(who.authenticate, eventflow.identify),
    publicRoutes: usage.publicRoutes,
    routers: components.flatMap((c) => c.routers),
    checks: [relay.healthCheck(), ...components.flatMap((c) => c.checks)],
  });
  const startBackground = async () => {
    for (const b of background) await b.start();
    relay.start();
  };
  if (opts.startBackground ?? true) await startBackground();
  return {
    app,
    health,
    pool,
    redis,
    store,
    broker,
    publisher,
    relay,
    breakers,
    keyCache: who.keyCache,
    /** The consumer of ApiKeyRevoked (drops cached verdicts), for message pacts (`deliver`). */
    revocations: who.revocations,
    /** The training-data writer's group (ingested records, item events, orders), for message pacts (`deliver`). */
    trainingConsumer: trainingData.training.consumer,
    /** The usage group (UsageRecorded from data-pipeline's and ml-engine's meters), for message pacts (`deliver`). */
    usageConsumer: usage.consumer,
    startBackground,
    closers: [
      () => relay.stop(),
      ...background.map((b) => () => b.stop()),
      () => breakers.shutdown(),
      () => publisher.disconnect(),
      () => broker.disconnect(),
      () => redis.quit(),
      () => pool.end(),
      () => store.close(),
    ],
  };
}
