import { randomUUID } from 'node:crypto';
import { type DomainEvent, TOPICS, dlqTopic } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { produceRaw, readTopic, waitForGroupCaughtUp } from '../src/testing';
import { AppError, createLogger, createRedis } from '@platform/service-kit';
import { Broker, EventConsumer, Publisher, RedisIdempotencyStore } from '../src';

const logger = createLogger('messaging-test', 'silent');

describe('EventConsumer on real Kafka and Redis', () => {
  const prefix = uniqueTopicPrefix();
  const broker = new Broker({
    clientId: 'messaging-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const redis = createRedis(process.env.REDIS_URL as string);
  const publisher = new Publisher(broker);
  const groupId = `group-${randomUUID()}`;
  const topic = `${prefix}${TOPICS.userEvents}`;
  const handled: DomainEvent<'UserCreated'>[] = [];
  let failuresLeft = new Map<string, number>();
  let consumer: EventConsumer;

  beforeAll(async () => {
    await redis.connect();
    await broker.ensureTopics([TOPICS.userEvents]);
    consumer = new EventConsumer(broker, {
      groupId,
      topics: [TOPICS.userEvents],
      idempotency: new RedisIdempotencyStore(redis),
      retry: { attempts: 3, initialMs: 20, maxMs: 100 },
      handlers: {
        UserCreated: async (event) => {
          const left = failuresLeft.get(event.data.email) ?? 0;
          if (event.data.email.startsWith('permanent')) {
            throw new AppError({ code: 'MAIL_REJECTED', status: 422, message: 'refused' });
          }
          if (left > 0) {
            failuresLeft.set(event.data.email, left - 1);
            throw new AppError({
              code: 'SERVICE_UNAVAILABLE',
              status: 503,
              retriable: true,
              message: 'smtp down',
            });
          }
          handled.push(event);
        },
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await publisher.disconnect();
    await broker.disconnect();
    redis.disconnect();
  });

  beforeEach(() => {
    handled.length = 0;
    failuresLeft = new Map();
  });

  const publish = (...events: DomainEvent<'UserCreated'>[]) =>
    publisher.publish(events.map((event) => ({ topic: TOPICS.userEvents, event })));

  it('publishes with key = aggregate id and the event_type header', async () => {
    const event = sampleUserCreated();
    await publish(event);
    const [msg] = await readTopic(topic, (m) => m.some((x) => x.key === event.aggregate_id)).then((all) =>
      all.filter((x) => x.key === event.aggregate_id),
    );
    expect(msg.json()).toEqual(event);
    expect(msg.headers.event_type).toBe('UserCreated');
  });

  it('handles a redelivered event once', async () => {
    const event = sampleUserCreated();
    await publish(event, event);
    await produceRaw(topic, [{ key: event.aggregate_id, value: JSON.stringify(event) }]);
    await waitForGroupCaughtUp(groupId, topic);
    expect(handled.filter((e) => e.event_id === event.event_id)).toHaveLength(1);
  });

  it('retries a retriable failure with backoff and then succeeds', async () => {
    const event = sampleUserCreated();
    failuresLeft.set(event.data.email, 2);
    await publish(event);
    await waitForGroupCaughtUp(groupId, topic);
    expect(handled.map((e) => e.event_id)).toEqual([event.event_id]);
  });

  it('dead-letters poison messages with the reason, and keeps consuming', async () => {
    const bad = sampleUserCreated({ email: 'not-an-email' });
    const permanent = sampleUserCreated({ email: `permanent-${randomUUID()}@example.com` });
    const after = sampleUserCreated();
    await produceRaw(topic, [{ key: 'poison', value: '{"this is": not json' }]);
    await produceRaw(topic, [
      { key: 'no-envelope', value: JSON.stringify({ type: 'UserCreated', data: {} }) },
    ]);
    await publish(bad, permanent, after);
    await waitForGroupCaughtUp(groupId, topic);

    expect(handled.map((e) => e.event_id)).toEqual([after.event_id]);
    const dlq = await readTopic(`${prefix}${dlqTopic(TOPICS.userEvents)}`, (m) => m.length >= 4);
    const reasons = Object.fromEntries(dlq.map((m) => [m.key, m.headers['dlq.reason']]));
    expect(reasons).toMatchObject({
      poison: 'malformed_json',
      'no-envelope': 'invalid_envelope',
      [bad.aggregate_id]: 'invalid_data',
      [permanent.aggregate_id]: 'handler_failed',
    });
    const poison = dlq.find((m) => m.key === 'poison');
    expect(poison?.value).toBe('{"this is": not json'); // byte for byte
    expect(poison?.headers).toMatchObject({
      'dlq.original_topic': TOPICS.userEvents,
      'dlq.consumer_group': groupId,
    });
  });

  it('ignores event types it has no handler for', async () => {
    const other = { ...sampleUserCreated(), event_type: 'UserLoggedIn' };
    await produceRaw(topic, [{ key: other.aggregate_id, value: JSON.stringify(other) }]);
    await waitForGroupCaughtUp(groupId, topic);
    expect(handled).toHaveLength(0);
  });
});
