import { TOPICS } from '@platform/contracts';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { Broker, PgOutboxRelay, Publisher } from '@platform/messaging';
import { createLogger, createMetrics, createPgPool } from '@platform/service-kit';
import { buildApp } from '../src/app';
import { loadUserServiceConfig } from '../src/config';
import { migrate } from '../src/db/migrate';

/** user-service wired as main.ts wires it, on a database and topic prefix of this test file's own. */
export async function startUserService(opts: { databaseUrl?: string } = {}) {
  const db = opts.databaseUrl ? undefined : await createTestDatabase('user_service');
  const databaseUrl = opts.databaseUrl ?? (db?.url as string);
  const prefix = uniqueTopicPrefix();
  const config = loadUserServiceConfig({ ...process.env, DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix, BCRYPT_ROUNDS: '10' });
  const logger = createLogger('user-service', 'silent');
  const metrics = createMetrics('user-service', { defaults: false });
  await migrate(databaseUrl, logger);
  const pool = createPgPool(databaseUrl);
  const broker = new Broker({ clientId: 'user-service-test', brokers: config.KAFKA_BROKERS, topicPrefix: prefix, logger });
  await broker.ensureTopics([TOPICS.userEvents]);
  const publisher = new Publisher(broker, metrics);
  const relay = new PgOutboxRelay({ pool, publisher, logger, idleMs: 50 });
  const { app } = buildApp({ config, pool, broker, logger, metrics });
  return {
    app,
    pool,
    relay,
    topic: `${prefix}${TOPICS.userEvents}`,
    async stop() {
      await relay.stop();
      await publisher.disconnect();
      await broker.disconnect();
      await pool.end();
      await db?.drop();
    },
  };
}
