import { randomUUID } from 'node:crypto';
import { TOPICS, type EventEnvelope, type EventType } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { eventually, uniqueTopicPrefix, type CaughtMail, type Mailbox } from '@platform/devstack/testing';
import { topicOf } from '@platform/messaging';
import { produceRaw, waitForGroupCaughtUp } from '@platform/messaging/testing';
import { createLogger, createMetrics, runClosers } from '@platform/service-kit';
import { compose } from '../src/compose';
import { loadWorkerConfig } from '../src/config';
import { DeliveriesRepository } from '../src/deliveries/deliveries.repository';
import { userProjectionGroup } from '../src/users/user-projection';

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
  const physical = (topic: string) => `${prefix}${topic}`;
  const deliveries = new DeliveriesRepository(svc.redis);
  const publish = async (...events: EventEnvelope[]) => {
    for (const e of events)
      await produceRaw(physical(topicOf(e.event_type as EventType)), [
        { key: e.aggregate_id, value: JSON.stringify(e) },
      ]);
  };
  return {
    app: svc.app,
    redis: svc.redis,
    /** The mail group's consumer, for message pacts (`deliver` one message through its real handler). */
    consumer: svc.consumer,
    group: config.CONSUMER_GROUP,
    topic: physical(TOPICS.userEvents),
    notificationsTopic: physical(TOPICS.notifications),
    physical,
    /** Publishes events to their topics (by type), keyed by aggregate, in the given order. */
    publish,
    /** Waits until the mail group has handled everything published so far on a topic. */
    caughtUp: (topic: string) => waitForGroupCaughtUp(config.CONSUMER_GROUP, physical(topic)),
    /** A user known to the projection (its UserCreated handled there). */
    async user(over: Parameters<typeof sampleUserCreated>[0] = {}) {
      const created = sampleUserCreated({ email: `buyer-${randomUUID()}@example.com`, ...over });
      await publish(created);
      await waitForGroupCaughtUp(userProjectionGroup(config), physical(TOPICS.userEvents));
      return created.data;
    },
    /** The delivery log entry of an event, once there is one. */
    async delivery(eventId: string) {
      await eventually(async () => !!(await deliveries.find(eventId)), {
        what: `the delivery of ${eventId}`,
      });
      return (await deliveries.find(eventId))!;
    },
    async stop() {
      await runClosers(svc.closers, logger);
      svc.redis.disconnect(); // quit fails while a test keeps Redis down: stop reconnecting all the same
    },
  };
}
export type Worker = Awaited<ReturnType<typeof startWorker>>;

/** The mails to an address whose subject matches (a buyer also gets a welcome mail). */
export async function mailsTo(mailbox: Mailbox, to: string, subject: RegExp): Promise<CaughtMail[]> {
  return (await mailbox.to(to)).filter((m) => subject.test(m.subject));
}

/** Waits for one mail to `to` with a matching subject; returns it. */
export async function waitForMail(mailbox: Mailbox, to: string, subject: RegExp): Promise<CaughtMail> {
  await eventually(async () => (await mailsTo(mailbox, to, subject)).length > 0, {
    what: `a mail "${subject.source}" to ${to}`,
    intervalMs: 200,
  });
  return (await mailsTo(mailbox, to, subject))[0];
}
