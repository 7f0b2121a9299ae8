import { TOPICS } from '@platform/contracts';
import { Broker } from '@platform/messaging';
import { BreakerRegistry } from '@platform/resilience';
import { createLogger, createMetrics, createRedis, exitOnUnhandled, listen, shutdownOn } from '@platform/service-kit';
import { buildApp } from './app';
import { createOrderServiceClient } from './clients/order-service.client';
import { loadPaymentServiceConfig } from './config';

async function main(): Promise<void> {
  const config = loadPaymentServiceConfig();
  const logger = createLogger('payment-service', config.LOG_LEVEL);
  exitOnUnhandled(logger);
  const metrics = createMetrics('payment-service');

  const redis = createRedis(config.REDIS_URL);
  await redis.connect();
  const broker = new Broker({ clientId: 'payment-service', brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX, logger });
  await broker.ensureTopics([TOPICS.paymentEvents]);
  const breakers = new BreakerRegistry(metrics);
  const orderService = createOrderServiceClient(config, breakers);

  const { app, health } = buildApp({ config, redis, broker, breakers, orderService, logger, metrics });
  const server = await listen(app, config.PORT);
  logger.info('payment-service listening', { port: config.PORT });
  shutdownOn({ logger, health, server, closers: [() => breakers.shutdown(), () => broker.disconnect(), () => redis.quit()] });
}

main().catch((err: unknown) => {
  process.stderr.write(`payment-service failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
