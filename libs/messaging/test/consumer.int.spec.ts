import { randomUUID } from 'node:crypto';
import { type DomainEvent, TOPICS, dlqTopic } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { eventually, uniqueTopicPrefix } from '@platform/devstack/testing';
import { AppError, createLogger, createMetrics } from '@platform/service-kit';
import { Broker, EventConsumer, Publisher, type HandlerContext } from '../src';
import { produceRaw, readTopic, waitForGroupCaughtUp, type ReadMessage } from '../src/testing';

const logger = createLogger('messaging-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const retry = { initialMs: 20, maxMs: 100 };

const unavailable = () =>
  new AppError({ code: 'SERVICE_UNAVAILABLE', status: 503, retriable: true, message: 'smtp down' });

describe('EventConsumer on real Kafka', () => {
  const prefix = uniqueTopicPrefix();
  const broker = new Broker({
    clientId: 'messaging-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const groupId = `group-${randomUUID()}`;
  const topic = `${prefix}${TOPICS.userEvents}`;
  const dlq = `${prefix}${dlqTopic(TOPICS.userEvents)}`;
  const handled: { event: DomainEvent<'UserCreated'>; ctx: HandlerContext }[] = [];
  /** Per event id: what the handler does before handling it (throw to fail). */
  const behaviour = new Map<string, () => void>();
  const consumers: EventConsumer[] = [];

  const consumer = (opts: Partial<ConstructorParameters<typeof EventConsumer>[1]> = {}) => {
    const c = new EventConsumer(broker, {
      groupId,
      topics: [TOPICS.userEvents],
      retry,
      maxWaitMs: 100,
      handlers: {
        UserCreated: async (event, ctx) => {
          behaviour.get(event.event_id)?.();
          handled.push({ event, ctx });
        },
      },
      ...opts,
    });
    consumers.push(c);
    return c;
  };

  // a group's first start on a fresh broker waits for its coordinator: more than one test's time
  beforeAll(async () => {
    await broker.ensureTopics([TOPICS.userEvents, TOPICS.notifications]);
    await consumer().start();
  }, 180_000);

  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await publisher.disconnect();
    await broker.disconnect();
  });

  beforeEach(() => {
    handled.length = 0;
    behaviour.clear();
  });

  const publish = (...events: DomainEvent<'UserCreated'>[]) =>
    publisher.publish(events.map((event) => ({ topic: TOPICS.userEvents, event })));
  const ids = (group = groupId) => handled.filter((h) => h.ctx.group === group).map((h) => h.event.event_id);
  /** The whole dead-letter topic as it is now (read to its end offsets, no waiting for absence). */
  const deadLetters = (): Promise<ReadMessage[]> => readTopic(dlq, () => true);

  it('publishes with key = aggregate id and the event_type header', async () => {
    const event = sampleUserCreated();
    await publish(event);
    const [msg] = await readTopic(topic, (m) => m.some((x) => x.key === event.aggregate_id)).then((all) =>
      all.filter((x) => x.key === event.aggregate_id),
    );
    expect(msg.json()).toEqual(event);
    expect(msg.headers.event_type).toBe('UserCreated');
  });

  it('retries a retriable failure for as long as it lasts, in order, and never dead-letters it', async () => {
    const userId = randomUUID();
    const first = sampleUserCreated({ user_id: userId });
    const second = sampleUserCreated({ user_id: userId }); // same key: must wait behind the first
    let failures = 0;
    // more failures than any fixed attempt budget: an outage is waited out, however long
    behaviour.set(first.event_id, () => {
      if (failures++ < 8) throw unavailable();
    });
    // a raw connection error of a driver counts as retriable too
    let refused = false;
    behaviour.set(second.event_id, () => {
      if (!refused) {
        refused = true;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1025'), { code: 'ECONNREFUSED' });
      }
    });
    await publish(first, second);
    await waitForGroupCaughtUp(groupId, topic);

    expect(ids()).toEqual([first.event_id, second.event_id]);
    expect(failures).toBe(9);
    expect((await deadLetters()).filter((m) => m.key === userId)).toEqual([]);
  });

  it('dead-letters poison at once with the reason, the original headers and the group, and keeps consuming', async () => {
    const bad = sampleUserCreated({ email: 'not-an-email' });
    const rejected = sampleUserCreated();
    const future = { ...sampleUserCreated(), version: 2 };
    const after = sampleUserCreated();
    let rejections = 0;
    behaviour.set(rejected.event_id, () => {
      rejections += 1;
      throw new AppError({ code: 'MAIL_REJECTED', status: 422, message: 'refused' });
    });
    await produceRaw(topic, [{ key: 'poison', value: '{"this is": not json' }]);
    await produceRaw(topic, [
      { key: 'no-envelope', value: JSON.stringify({ type: 'UserCreated', data: {} }) },
      { key: future.aggregate_id, value: JSON.stringify(future) },
    ]);
    await publish(bad, rejected, after);
    await waitForGroupCaughtUp(groupId, topic);

    expect(ids()).toEqual([after.event_id]);
    expect(rejections).toBe(1); // a business rejection is not retried
    const letters = await readTopic(dlq, (m) => m.length >= 5);
    const reasons = Object.fromEntries(letters.map((m) => [m.key, m.headers['dlq.reason']]));
    expect(reasons).toMatchObject({
      poison: 'malformed_json',
      'no-envelope': 'invalid_envelope',
      [future.aggregate_id]: 'unknown_version',
      [bad.aggregate_id]: 'invalid_data',
      [rejected.aggregate_id]: 'handler_failed',
    });
    const poison = letters.find((m) => m.key === 'poison');
    expect(poison?.value).toBe('{"this is": not json'); // byte for byte
    expect(poison?.headers).toMatchObject({
      'dlq.original_topic': TOPICS.userEvents,
      'dlq.consumer_group': groupId,
    });
    const rejection = letters.find((m) => m.key === rejected.aggregate_id);
    expect(rejection?.headers).toMatchObject({
      event_type: 'UserCreated', // the original headers travel with it
      'dlq.error': 'MAIL_REJECTED: refused',
      'dlq.consumer_group': groupId,
    });
    expect(rejection?.headers['dlq.failed_at']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('counts what it dead-letters by group, topic and reason (kafka_dead_letters_total), and delivers the rest', async () => {
    const metrics = createMetrics('dlq-count-test', { defaults: false });
    const group = `dlq-count-${randomUUID()}`;
    const c = consumer({ groupId: group, metrics });
    const count = async (reason: string) => {
      const counter = (await metrics.registry.getMetricsAsJSON()).find(
        (m) => m.name === 'kafka_dead_letters_total',
      );
      const values = (counter?.values ?? []) as { value: number; labels: Record<string, string | number> }[];
      return values.find(
        (v) => v.labels.group === group && v.labels.topic === TOPICS.userEvents && v.labels.reason === reason,
      )?.value;
    };
    expect(await c.deliver(TOPICS.userEvents, '{not json')).toBe('dead-lettered');
    expect(await c.deliver(TOPICS.userEvents, '{"also": "not json"')).toBe('dead-lettered');
    expect(await c.deliver(TOPICS.userEvents, JSON.stringify({ event_type: 'UserCreated' }))).toBe(
      'dead-lettered',
    );
    const valid = sampleUserCreated();
    expect(await c.deliver(TOPICS.userEvents, JSON.stringify(valid))).toBe('handled');
    expect(await count('malformed_json')).toBe(2);
    expect(await count('invalid_envelope')).toBe(1);
    expect(ids(group)).toEqual([valid.event_id]);
  });

  it('ignores event types it has no handler for, and does not dead-letter them', async () => {
    const other = { ...sampleUserCreated(), event_type: 'UserLoggedIn' };
    const unknown = { ...sampleUserCreated(), event_type: 'SomethingNew' };
    await produceRaw(topic, [
      { key: other.aggregate_id, value: JSON.stringify(other) },
      { key: unknown.aggregate_id, value: JSON.stringify(unknown) },
    ]);
    await waitForGroupCaughtUp(groupId, topic);
    expect(ids()).toEqual([]);
    const keys = (await deadLetters()).map((m) => m.key);
    expect(keys).not.toContain(other.aggregate_id);
    expect(keys).not.toContain(unknown.aggregate_id);
  });

  it('starts a brand-new group at the latest offset, not at the beginning of the retention', async () => {
    const before = sampleUserCreated();
    await publish(before);
    const group = `fresh-${randomUUID()}`;
    await consumer({ groupId: group }).start();
    const after = sampleUserCreated();
    await publish(after);
    await waitForGroupCaughtUp(group, topic);
    expect(ids(group)).toEqual([after.event_id]);
  });

  it('reports the lag of a partition waiting on a failing message, and zero once caught up', async () => {
    const metrics = createMetrics('lag-test', { defaults: false });
    const group = `lag-${randomUUID()}`;
    const userId = randomUUID();
    const stuck = sampleUserCreated({ user_id: userId });
    const behind = sampleUserCreated({ user_id: userId });
    let outage = true;
    behaviour.set(stuck.event_id, () => {
      if (outage) throw unavailable();
    });
    await consumer({ groupId: group, metrics }).start();
    await publish(stuck, behind);

    const lagOf = async () => {
      const gauge = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'kafka_consumer_lag');
      const values = (gauge?.values ?? []) as { value: number; labels: Record<string, string | number> }[];
      return values.filter((v) => v.labels.group === group && v.labels.topic === topic);
    };
    await eventually(async () => (await lagOf()).some((v) => v.value >= 2), { what: 'a lag of 2' });
    outage = false;
    await waitForGroupCaughtUp(group, topic);
    expect(ids(group)).toEqual([stuck.event_id, behind.event_id]);
    await eventually(async () => (await lagOf()).every((v) => v.value === 0), { what: 'a lag of 0' });
  });

  it('handles partitions concurrently (partitionsConsumedConcurrently)', async () => {
    // everything is on the topic before the group starts, so one fetch brings a batch per partition
    const events = Array.from({ length: 12 }, () => sampleUserCreated());
    await publish(...events);
    const group = `concurrent-${randomUUID()}`;
    let inFlight = 0;
    let maxInFlight = 0;
    let first = true;
    const c = new EventConsumer(broker, {
      groupId: group,
      topics: [TOPICS.userEvents],
      fromBeginning: true,
      partitionsConsumedConcurrently: 3,
      handlers: {
        UserCreated: async () => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          // the first handler waits (bounded) for a handler of another partition to run meanwhile
          if (first) {
            first = false;
            await eventually(() => maxInFlight >= 2, { timeoutMs: 5000 }).catch(() => undefined);
          }
          inFlight -= 1;
        },
      },
    });
    consumers.push(c);
    await c.start();
    await waitForGroupCaughtUp(group, topic);
    expect(maxInFlight).toBeGreaterThanOrEqual(2);
  });
});
