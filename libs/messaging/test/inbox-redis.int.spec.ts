import { randomUUID } from 'node:crypto';
import { TOPICS, type DomainEvent } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { AppError, createLogger, createRedis } from '@platform/service-kit';
import { Broker, EventConsumer, Publisher, RedisInbox, type HandlerContext } from '../src';
import { waitForGroupCaughtUp } from '../src/testing';

const logger = createLogger('messaging-test', 'silent');

describe('RedisInbox: claim and state change in one script', () => {
  const prefix = uniqueTopicPrefix();
  const keys = `test-${randomUUID()}`; // this file's own Redis key space
  const broker = new Broker({
    clientId: 'redis-inbox-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const redis = createRedis(process.env.REDIS_URL as string);
  const groupId = `redis-inbox-${randomUUID()}`;
  const inbox = new RedisInbox(redis, { prefix: `${keys}:inbox` });
  const afterApply = new Map<string, () => void>();
  let consumer: EventConsumer;

  // the effect: a counter per user, so applying an event twice shows as 2
  const welcome = inbox.handle(async (event: DomainEvent<'UserCreated'>) => [
    ['HINCRBY', `${keys}:welcomes`, event.data.user_id, 1],
  ]);
  const count = async (userId: string) => Number((await redis.hget(`${keys}:welcomes`, userId)) ?? 0);

  beforeAll(async () => {
    await redis.connect();
    await broker.ensureTopics([TOPICS.userEvents]);
    consumer = new EventConsumer(broker, {
      groupId,
      topics: [TOPICS.userEvents],
      retry: { initialMs: 20, maxMs: 100 },
      maxWaitMs: 100,
      handlers: {
        UserCreated: async (event, ctx) => {
          const result = await welcome(event, ctx);
          afterApply.get(event.event_id)?.();
          return result;
        },
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await publisher.disconnect();
    await broker.disconnect();
    const leftovers = await redis.keys(`${keys}:*`);
    if (leftovers.length) await redis.del(...leftovers);
    redis.disconnect();
  });

  it('applies an event once when the process dies after the effect, before the offset commit', async () => {
    const event = sampleUserCreated();
    let crashed = false;
    afterApply.set(event.event_id, () => {
      if (crashed) return;
      crashed = true;
      throw new AppError({ code: 'CRASH', status: 503, retriable: true, message: 'injected crash' });
    });
    await publisher.publish([event, event].map((e) => ({ topic: TOPICS.userEvents, event: e })));
    await waitForGroupCaughtUp(groupId, `${prefix}${TOPICS.userEvents}`);
    expect(crashed).toBe(true);
    expect(await count(event.data.user_id)).toBe(1);
    expect(await redis.exists(inbox.key(groupId, event.event_id))).toBe(1);
  });

  it('applies one of many concurrent deliveries of an event, from separate connections', async () => {
    const event = sampleUserCreated();
    const ctx: HandlerContext = {
      group: `concurrent-${randomUUID()}`,
      topic: TOPICS.userEvents,
      partition: 0,
      offset: '0',
    };
    const clients = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = createRedis(process.env.REDIS_URL as string);
        await c.connect();
        return c;
      }),
    );
    try {
      const results = await Promise.all(
        clients.map((c) =>
          new RedisInbox(c, { prefix: `${keys}:inbox` }).handle(async (e: DomainEvent<'UserCreated'>) => [
            ['HINCRBY', `${keys}:welcomes`, e.data.user_id, 1],
          ])(event, ctx),
        ),
      );
      expect(results.filter((r) => r === undefined)).toHaveLength(1);
      expect(results.filter((r) => r === 'duplicate')).toHaveLength(9);
      expect(await count(event.data.user_id)).toBe(1);
    } finally {
      for (const c of clients) c.disconnect();
    }
  });
});
