import { tenantCallers, userServiceClient } from '@platform/clients';
import { TOPICS } from '@platform/contracts';
import { Broker, Publisher } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import { createPgPool, createRedis, type ServiceContext } from '@platform/service-kit';
import { createObjectStore } from '@platform/storage';
import { buildApp } from './app';
import { type Background, type ComponentDeps } from './component';
import { trainingDataStoreConfig, type Config } from './config';
import { migrate } from './db/migrate';
import { itemsComponent } from './items/items.component';
import { modelsComponent } from './models/models.component';
import { recommendationsComponent } from './recommendations/recommendations.component';
import { tenantSettings } from './tenants/tenant-settings';
import { trainingComponent } from './training/training.component';

export interface ComposeOptions {
  /** Start consumers and the job runner at once (main.ts); crash tests start them later. */
  startBackground?: boolean;
}

/** The topics ml-engine reads or publishes to. */
export const ML_ENGINE_TOPICS = [
  TOPICS.itemEvents,
  TOPICS.itemsIngested,
  TOPICS.interactionsIngested,
  TOPICS.dataEvents,
  TOPICS.usageEvents,
  TOPICS.userEvents,
];

/** ml-engine wired from its config: main.ts runs it, and the tests run the very same wiring. */
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
  const trainingData = createObjectStore(trainingDataStoreConfig(config), logger);
  await trainingData.init();
  const broker = Broker.fromConfig('ml-engine', config, logger);
  await broker.ensureTopics(ML_ENGINE_TOPICS);
  const publisher = new Publisher(broker, metrics);
  const breakers = new BreakerRegistry(metrics);
  const userService = userServiceClient('ml-engine', config, breakers);
  const deps: ComponentDeps = {
    config,
    pool,
    redis,
    store,
    trainingData,
    broker,
    publisher,
    breakers,
    userService,
    logger,
    metrics,
  };

  const who = tenantCallers({ ...deps, service: 'ml-engine' });
  const settings = tenantSettings(deps);
  // items/ needs the spaces for an item's embedding in the active version; models/ needs the catalog
  const late: { spaces?: ReturnType<typeof modelsComponent>['spaces'] } = {};
  const items = itemsComponent(deps, { settings, spaces: () => late.spaces! });
  const models = modelsComponent(deps, { catalog: items.catalog, settings });
  late.spaces = models.spaces;
  const training = trainingComponent(deps, { catalog: items.catalog, registry: models.registry, settings });
  const recommendations = recommendationsComponent(deps, { catalog: items.catalog, spaces: models.spaces });
  const components = [items, models, training, recommendations];
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
    authenticate: who.authenticate,
    publicRoutes: recommendations.publicGuards,
    routers: components.flatMap((c) => c.routers),
    checks: components.flatMap((c) => c.checks),
  });
  const startBackground = async () => {
    for (const b of background) await b.start();
  };
  if (opts.startBackground ?? true) await startBackground();
  return {
    app,
    health,
    pool,
    redis,
    store,
    trainingData,
    broker,
    publisher,
    breakers,
    catalog: items.catalog,
    spaces: models.spaces,
    registry: models.registry,
    jobs: training.jobs,
    /** The consumer groups, for message pacts (`deliver`). */
    consumers: { items: items.consumer, training: training.consumer, interactions: recommendations.consumer },
    startBackground,
    closers: [
      ...background.map((b) => () => b.stop()),
      () => breakers.shutdown(),
      () => publisher.disconnect(),
      () => broker.disconnect(),
      () => redis.quit(),
      () => pool.end(),
      () => store.close(),
      () => trainingData.close(),
    ],
  };
}
