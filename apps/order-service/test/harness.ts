import { randomBytes } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { bearer, shopAccounts, startUserServiceProcess, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers, type Logger } from '@platform/service-kit';
import { compose } from '../src/compose';
import { loadOrderServiceConfig } from '../src/config';

export { bearer };
export const guest = (tenantId: string, sessionId = `s_${randomBytes(8).toString('hex')}`) => ({
  'x-tenant-id': tenantId,
  'x-session-id': sessionId,
});

/**
 * A real user-service (the built bundle, as its own process, on a database of its own) and order-service
 * composed as main.ts composes it, both on one topic prefix, order-service on a MongoDB database of its own.
 * Background work (outbox relay, consumers, sweepers) starts unless `startBackground: false`.
 */
export async function startOrderService(
  opts: { env?: Record<string, string>; startBackground?: boolean; logger?: Logger; mongoUrl?: string } = {},
) {
  const prefix = uniqueTopicPrefix();
  const users = await startUserServiceProcess(prefix);
  const mongoDb = `t_order_service_${randomBytes(4).toString('hex')}`;
  const mongoBase = opts.mongoUrl ?? process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  const config = loadOrderServiceConfig({
    ...process.env,
    MONGO_URL: `${mongoBase}/${mongoDb}`,
    USER_SERVICE_URL: users.url,
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_POLL_MS: '50',
    ...opts.env,
  });
  const logger = opts.logger ?? createLogger('order-service', 'silent');
  const metrics = createMetrics('order-service', { defaults: false });
  const svc = await compose({ config, logger, metrics }, { startBackground: opts.startBackground ?? true });
  await svc.redisConnected;
  const { app } = svc;

  const { newShop, addMember, apiKey } = shopAccounts(users.url);

  return {
    app,
    svc,
    config,
    metrics,
    users,
    prefix,
    topics: {
      items: `${prefix}${TOPICS.itemEvents}`,
      orders: `${prefix}${TOPICS.orderEvents}`,
      users: `${prefix}${TOPICS.userEvents}`,
      payments: `${prefix}${TOPICS.paymentEvents}`,
    },
    /** order-service's database, natively (for asserting what is stored). */
    db: svc.mongo.db!,
    newShop,
    addMember,
    apiKey,
    async stop() {
      await svc.mongo.db?.dropDatabase().catch(() => undefined);
      await runClosers(svc.closers, logger);
      svc.redis.disconnect(); // quit fails while a test keeps Redis down: stop reconnecting all the same
      await users.stop();
    },
  };
}
export type OrderService = Awaited<ReturnType<typeof startOrderService>>;
