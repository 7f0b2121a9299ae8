import { TOPICS } from '@platform/contracts';
import { Broker, PgOutboxRelay, Publisher } from '@platform/messaging';
import { createPgPool, createRedis, runService } from '@platform/service-kit';
import { buildApp } from './app';
import { accessTokenKeys } from './auth/signing-key';
import { loadUserServiceConfig } from './config';
import { migrate } from './db/migrate';

runService('user-service', loadUserServiceConfig, async ({ config, logger, metrics }) => {
  await migrate(config.DATABASE_URL, logger);
  const pool = createPgPool(config.DATABASE_URL);
  // the cache is optional: start without it and let the client reconnect when Redis comes
  const redis = createRedis(config.REDIS_URL);
  redis
    .connect()
    .catch((err: Error) =>
      logger.warn('Redis unavailable at start; running without the cache', { error: err.message }),
    );
  const broker = Broker.fromConfig('user-service', config, logger);
  await broker.ensureTopics([TOPICS.userEvents, TOPICS.notifications]);
  const publisher = new Publisher(broker, metrics);
  const relay = new PgOutboxRelay({ pool, publisher, logger, idleMs: config.OUTBOX_POLL_MS });
  relay.start();
  const { app, health } = buildApp({
    config,
    pool,
    redis,
    broker,
    keys: accessTokenKeys(config, logger),
    logger,
    metrics,
  });
  return {
    app,
    health,
    closers: [
      () => relay.stop(),
      () => publisher.disconnect(),
      () => broker.disconnect(),
      () => redis.quit(),
      () => pool.end(),
    ],
  };
});
