import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS, type DomainEvent } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { AppError, createLogger } from '@platform/service-kit';
import mongoose, { type Connection } from 'mongoose';
import {
  Broker,
  EventConsumer,
  MongoInbox,
  Publisher,
  type HandlerContext,
  type MongoCollectionLike,
} from '../src';
import { waitForGroupCaughtUp } from '../src/testing';

const logger = createLogger('messaging-test', 'silent');

/** On the devstack's FerretDB (MongoDB wire protocol), with a database of this file's own. */
describe('MongoInbox: the event id is recorded by the same single-document update as the effect', () => {
  const prefix = uniqueTopicPrefix();
  const broker = new Broker({
    clientId: 'mongo-inbox-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const groupId = `mongo-inbox-${randomUUID()}`;
  const inbox = new MongoInbox({ keep: 3 });
  const afterWrite = new Map<string, () => void>();
  let conn: Connection;
  let users: MongoCollectionLike & ReturnType<Connection['collection']>;
  let consumer: EventConsumer;

  // the effect: a counter in the user's document, so applying an event twice shows as 2
  const welcome = inbox.handle(async (event: DomainEvent<'UserCreated'>, write) => {
    await write(users, { _id: event.data.user_id }, { $inc: { welcomes: 1 } }, { upsert: true });
  });
  const doc = async (userId: string) => (await users.findOne({ _id: userId as never })) ?? undefined;

  beforeAll(async () => {
    const url = `${process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017'}/inbox_${randomBytes(4).toString('hex')}`;
    conn = await mongoose.createConnection(url).asPromise();
    users = conn.collection('users');
    await broker.ensureTopics([TOPICS.userEvents]);
    consumer = new EventConsumer(broker, {
      groupId,
      topics: [TOPICS.userEvents],
      retry: { initialMs: 20, maxMs: 100 },
      maxWaitMs: 100,
      handlers: {
        UserCreated: async (event, ctx) => {
          const result = await welcome(event, ctx);
          afterWrite.get(event.event_id)?.();
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
    await conn.dropDatabase();
    await conn.close();
  });

  const ctx = (): HandlerContext => ({
    group: `direct-${randomUUID()}`,
    topic: TOPICS.userEvents,
    partition: 0,
    offset: '0',
  });

  it('applies an event once when the process dies after the write, before the offset commit', async () => {
    const event = sampleUserCreated();
    let crashed = false;
    afterWrite.set(event.event_id, () => {
      if (crashed) return;
      crashed = true;
      throw new AppError({ code: 'CRASH', status: 503, retriable: true, message: 'injected crash' });
    });
    await publisher.publish([event, event].map((e) => ({ topic: TOPICS.userEvents, event: e })));
    await waitForGroupCaughtUp(groupId, `${prefix}${TOPICS.userEvents}`);
    expect(crashed).toBe(true);
    expect(await doc(event.data.user_id)).toMatchObject({ welcomes: 1, processed_events: [event.event_id] });
  });

  it('applies one of many concurrent deliveries of an event', async () => {
    const event = sampleUserCreated();
    await users.insertOne({ _id: event.data.user_id as never, welcomes: 0 });
    const c = ctx();
    const results = await Promise.all(Array.from({ length: 20 }, () => welcome(event, c)));
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    expect((await doc(event.data.user_id))?.welcomes).toBe(1);
  });

  it('keeps only the newest ids, and tells a failed condition from a duplicate', async () => {
    const userId = randomUUID();
    const take = inbox.handle(async (_event: DomainEvent<'UserCreated'>, write) => {
      const applied = await write(
        users,
        { _id: userId },
        { $inc: { stock: -1 } },
        { where: { stock: { $gte: 1 } } },
      );
      if (!applied) throw new AppError({ code: 'OUT_OF_STOCK', status: 409, message: 'no stock left' });
    });
    await users.insertOne({ _id: userId as never, stock: 4 });
    const events = Array.from({ length: 4 }, () => sampleUserCreated());
    const c = ctx();
    for (const e of events) expect(await take(e, c)).toBeUndefined();
    expect(await doc(userId)).toMatchObject({
      stock: 0,
      processed_events: events.slice(1).map((e) => e.event_id),
    });
    expect(await take(events[3], c)).toBe('duplicate');
    await expect(take(sampleUserCreated(), c)).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
  });
});
