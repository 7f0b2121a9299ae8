import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import { compose } from '../src/compose';
import { loadWorkerConfig } from '../src/config';

/** The worker composed as main.ts composes it, on topics and a consumer group of this test file's own. */
export async function startWorker(opts: { redisUrl?: string; env?: Record<string, string> } = {}) {
  const prefix = uniqueTopicPrefix();
  const config = loadWorkerConfig({
    ...process.env,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    KAFKA_TOPIC_PREFIX: prefix,
    CONSUMER_GROUP: `notification-worker-${randomUUID()}`,
    // a test's own topics and group: reading from the beginning loses nothing; retries come quickly
    CONSUMER_FROM_BEGINNING: 'true',
    CONSUMER_RETRY_INITIAL_MS: '50',
    CONSUMER_RETRY_MAX_MS: '500',
    CONSUMER_MAX_WAIT_MS: '100',
    ...opts.env,
  });
  const logger = createLogger('notification-worker', 'silent');
  const svc = await compose({ config, logger, metrics: createMetrics('nw', { defaults: false }) });
  return {
    app: svc.app,
    redis: svc.redis,
    group: config.CONSUMER_GROUP,
    topic: `${prefix}${TOPICS.userEvents}`,
    notificationsTopic: `${prefix}${TOPICS.notifications}`,
    async stop() {
      await runClosers(svc.closers, logger);
      svc.redis.disconnect(); // quit fails while a test keeps Redis down: stop reconnecting all the same
    },
  };
}
