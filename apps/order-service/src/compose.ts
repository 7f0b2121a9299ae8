import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { type Config } from './config';
import { connectMongo } from './db/mongo';

/** order-service wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>) {
  const mongo = await connectMongo(config.MONGO_URL, metrics);
  const broker = Broker.fromConfig('order-service', config, logger);
  await broker.ensureTopics([TOPICS.itemEvents, TOPICS.orderEvents]);
  const { app, health } = buildApp({ config, mongo, broker, logger, metrics });
  return { app, health, mongo, broker, closers: [() => broker.disconnect(), () => mongo.close()] };
}
