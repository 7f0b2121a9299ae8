import { TOPICS } from '@platform/contracts';
import { Broker, PgOutboxRelay, Publisher } from '@platform/messaging';
import { createPgPool, createRedis, type ServiceContext } from '@platform/service-kit';
import { buildApp } from './app';
import { accessTokenKeys } from './auth/signing-key';
import { type Config } from './config';
import { migrate } from './db/migrate';

export interface ComposeOptions {
  /** Start the outbox relay at once (main.ts); tests that stage a crash start it themselves. */
  startRelay?: boolean;
}

/** user-service wired from its config: main.ts runs it, and the tests run the very same wiring. */
export async function compose(
  { config, logger, metrics }: ServiceContext<Config>,
  opts: ComposeOptions = {},
) {
  await migrate(config.DATABASE_URL, logger);
  const pool = createPgPool(config.DATABASE_URL, { metrics });
  // the cache is optional: start without it and let the client reconnect when Redis comes
  const redis = createRedis(config.REDIS_URL);
  const redisConnected = redis.connect().then(
    () => true,
    (err: Error) => {
      logger.warn('Redis unavailable at start; running without the cache', { error: err.message });
      return false;
    },
  );
  const broker = Broker.fromConfig('user-service', config, logger);
  await broker.ensureTopics([TOPICS.userEvents, TOPICS.notifications]);
  const publisher = new Publisher(broker, metrics);
  const relay = new PgOutboxRelay({ pool, publisher, logger, metrics, idleMs: config.OUTBOX_POLL_MS });
  const keys = accessTokenKeys(config, logger);
  const { app, health } = buildApp({
    config,
    pool,
    redis,
    broker,
    keys,
    logger,
    metrics,
    outboxCheck: relay.healthCheck(),
  });
  // last: nothing may fail after the relay runs, or its loop would outlive a failed start
  if (opts.startRelay ?? true) relay.start();
  return {
    app,
    health,
    pool,
    redis,
    /** Settles once the first connection to Redis succeeded (true) or failed (false). */
    redisConnected,
    broker,
    publisher,
    relay,
    keys,
    closers: [
      () => relay.stop(),
      () => publisher.disconnect(),
      () => broker.disconnect(),
      () => redis.quit(),
      () => pool.end(),
    ],
  };
}
