import { randomUUID } from 'node:crypto';
import { TOPICS, dlqTopic, type DomainEvent } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { eventually, uniqueTopicPrefix } from '@platform/devstack/testing';
import { AppError, createLogger } from '@platform/service-kit';
import { BatchEventConsumer, Broker, Publisher, type BatchContext, type ConsumedEvent } from '../src';
import { produceRaw, readTopic } from '../src/testing';

const logger = createLogger('messaging-test', process.env.TEST_LOG_LEVEL ?? 'silent');

describe('BatchEventConsumer on real Kafka', () => {
  const prefix = uniqueTopicPrefix();
  const broker = new Broker({
    clientId: 'messaging-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const consumers: BatchEventConsumer[] = [];
  const calls: { events: ConsumedEvent[]; ctx: BatchContext }[] = [];
  /** What the handler does with a call before recording it (throw to fail). */
  let behaviour: (events: ConsumedEvent[]) => void = () => undefined;

  const start = async (groupId = `group-${randomUUID()}`) => {
    const c = new BatchEventConsumer(broker, {
      groupId,
      topics: [TOPICS.userEvents],
      types: ['UserCreated'],
      retry: { initialMs: 20, maxMs: 100 },
      maxWaitMs: 100,
      handler: async (events, ctx) => {
        behaviour(events);
        calls.push({ events, ctx });
      },
    });
    consumers.push(c);
    await c.start();
    return c;
  };
  const handledIds = () => calls.flatMap((c) => c.events.map((e) => e.event.event_id));
  const publish = (events: DomainEvent<'UserCreated'>[]) =>
    publisher.publish(events.map((event) => ({ topic: TOPICS.userEvents, event })));

  beforeAll(async () => {
    await broker.ensureTopics([TOPICS.userEvents]);
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.stop();
    calls.length = 0;
    behaviour = () => undefined;
  });
  afterAll(async () => {
    await publisher.disconnect();
    await broker.disconnect();
  });

  it('hands a fetch of many events to one call, validated, with their offsets', async () => {
    await start();
    const events = Array.from({ length: 50 }, () => sampleUserCreated());
    await publish(events);
    await eventually(() => handledIds().length >= events.length);
    expect(new Set(handledIds())).toEqual(new Set(events.map((e) => e.event_id)));
    expect(calls.length).toBeLessThan(50);
    for (const { events: got, ctx } of calls)
      for (const e of got) {
        expect(e.topic).toBe(TOPICS.userEvents);
        expect(e.partition).toBe(ctx.partition);
        expect(Number(e.offset)).toBeGreaterThanOrEqual(Number(ctx.firstOffset));
        expect(Number(e.offset)).toBeLessThanOrEqual(Number(ctx.lastOffset));
      }
  });

  it('sends poison to the dead-letter topic and hands the rest of the batch on', async () => {
    await start();
    const good = sampleUserCreated();
    const key = good.aggregate_id; // same key, same partition, same batch
    await produceRaw(`${prefix}${TOPICS.userEvents}`, [
      { key, value: '{not json' },
      { key, value: JSON.stringify({ ...sampleUserCreated(), data: { nope: true } }) },
      { key, value: JSON.stringify(good) },
    ]);
    await eventually(() => handledIds().includes(good.event_id));
    const dead = await readTopic(`${prefix}${dlqTopic(TOPICS.userEvents)}`, (m) => m.length >= 2);
    expect(dead.map((m) => m.headers['dlq.reason']).sort()).toEqual(['invalid_data', 'malformed_json']);
  });

  it('retries the whole batch after a retriable failure and commits only after success', async () => {
    let failures = 0;
    behaviour = () => {
      if (failures++ < 3)
        throw new AppError({ code: 'SERVICE_UNAVAILABLE', status: 503, retriable: true, message: 'down' });
    };
    const groupId = `group-${randomUUID()}`;
    await start(groupId);
    const events = Array.from({ length: 20 }, () => sampleUserCreated());
    await publish(events);
    await eventually(() => handledIds().length >= events.length);
    expect(new Set(handledIds())).toEqual(new Set(events.map((e) => e.event_id)));
    expect(failures).toBeGreaterThanOrEqual(4);
    expect(handledIds()).toHaveLength(20); // each event succeeded once: failed calls were not recorded

    // a new member of the same group starts after the committed offsets: nothing is handed over again
    for (const c of consumers.splice(0)) await c.stop();
    calls.length = 0;
    await start(groupId);
    const later = sampleUserCreated();
    await publish([later]);
    await eventually(() => handledIds().length > 0);
    expect(handledIds()).toEqual([later.event_id]);
  });
});
