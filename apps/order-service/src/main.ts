import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { runService } from '@platform/service-kit';
import { buildApp } from './app';
import { loadOrderServiceConfig } from './config';
import { connectMongo } from './db/mongo';

runService('order-service', loadOrderServiceConfig, async ({ config, logger, metrics }) => {
  const mongo = await connectMongo(config.MONGO_URL);
  const broker = Broker.fromConfig('order-service', config, logger);
  await broker.ensureTopics([TOPICS.itemEvents, TOPICS.orderEvents]);
  const { app, health } = buildApp({ config, mongo, broker, logger, metrics });
  return { app, health, closers: [() => broker.disconnect(), () => mongo.close()] };
});
