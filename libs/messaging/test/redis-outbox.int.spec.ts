import { randomBytes } from 'node:crypto';
import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics } from '@platform/service-kit';
import Redis from 'ioredis';
import { Broker, Publisher, RedisOutboxRelay, appendEvents, type RedisRelayOptions } from '../src';
import { RedisLock } from '../src/outbox/redis-lock';
import { readTopic, type ReadMessage } from '../src/testing';
import {
  eventually,
  expectPerKeyOrder,
  failingPublisher,
  freezablePublisher,
  keyedEvents,
  topicSize,
} from './outbox-test-support';

const logger = createLogger('redis-outbox-test', (process.env.TEST_LOG as 'debug') ?? 'silent');

describe('Redis outbox (state and stream entry in one MULTI)', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}${TOPICS.userEvents}`;
  const broker = new Broker({
    clientId: 'redis-outbox-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `t${randomBytes(4).toString('hex')}:`;
  let stream = '';
  const relays: RedisOutboxRelay[] = [];
  const relay = (opts: Partial<RedisRelayOptions> = {}) => {
    const r = new RedisOutboxRelay({
      redis,
      stream,
      publisher,
      logger,
      idleMs: 20,
      standbyMs: 20,
      retryDelayMs: 10,
      lockMs: 1000,
      ...opts,
    });
    relays.push(r);
    return r;
  };

  beforeAll(async () => {
    await broker.ensureTopics([TOPICS.userEvents]);
  });
  beforeEach(() => {
    stream = `${keyPrefix}outbox:${randomBytes(3).toString('hex')}`;
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await publisher.disconnect();
    await broker.disconnect();
  });

  /** Each event is one state change of its aggregate, written with its stream entry in one MULTI. */
  const writeEach = async (events: EventEnvelope[]) => {
    for (const e of events) {
      const tx = redis.multi().hincrby(`${keyPrefix}user:${e.aggregate_id}`, 'version', 1);
      await appendEvents(tx, stream, TOPICS.userEvents, [e]).exec();
    }
  };
  const readIds = async (ids: Set<string>) => {
    const ours = (m: ReadMessage[]) => m.filter((x) => ids.has(x.json<EventEnvelope>().event_id));
    const all = await readTopic(
      topic,
      (m) => new Set(ours(m).map((x) => x.json<EventEnvelope>().event_id)).size >= ids.size,
    );
    return ours(all);
  };

  it('loses nothing in a crash between the state write and the publish: a relay started later publishes it once', async () => {
    const events = keyedEvents(3, 2);
    await writeEach(events); // and the process dies before any relay ran
    expect(await topicSize(broker, topic)).toBe(0);
    expect(await redis.xlen(stream)).toBe(6);
    expect(await redis.hget(`${keyPrefix}user:${events[0].aggregate_id}`, 'version')).toBe('2');

    const metrics = createMetrics('redis-outbox-test', { defaults: false });
    relay({ metrics, publisher: failingPublisher(publisher, () => true) }).start();
    await eventually(async () =>
      /outbox_pending\{[^}]*outbox="redis"\} 6\n/.test(await metrics.registry.metrics()),
    );
    await relays.pop()?.stop();

    relay().start(); // the restarted process
    const seen = await readIds(new Set(events.map((e) => e.event_id)));
    expectPerKeyOrder(seen, events, { exactlyOnce: true });
    await eventually(async () => (await redis.xlen(stream)) === 0); // acknowledged and trimmed
  });

  it('keeps every key in order, exactly once, with two relays, writes going on, and a failed send', async () => {
    const flaky = failingPublisher(publisher, (n) => n === 2 || n === 5);
    const [a, b] = [relay({ publisher: flaky, batchSize: 3 }), relay({ publisher: flaky, batchSize: 3 })];
    a.start();
    b.start();
    const events = keyedEvents(5, 8);
    await writeEach(events);
    const seen = await readIds(new Set(events.map((e) => e.event_id)));
    expectPerKeyOrder(seen, events, { exactlyOnce: true });
    expect(flaky.failures()).toBe(2);
    expect([a.active, b.active].filter(Boolean)).toHaveLength(1);
  });

  it('lets a standby take over once the active relay stops renewing, reclaiming what it had read', async () => {
    const frozen = freezablePublisher(publisher);
    const a = relay({ publisher: frozen, publishTimeoutMs: 600_000 }); // frozen: it cannot time out either
    a.start();
    const first = keyedEvents(2, 2);
    await writeEach(first);
    await readIds(new Set(first.map((e) => e.event_id)));
    const b = relay();
    b.start();
    expect(a.active).toBe(true);
    expect(b.active).toBe(false);

    frozen.freeze(); // a hangs in its next send, holding what it read, and renews no more
    try {
      const later = keyedEvents(2, 3);
      await writeEach(later);
      await eventually(() => frozen.stuck()); // a read them (they are pending in its name) and hangs in their send
      await eventually(() => b.active);
      const seen = await readIds(new Set(later.map((e) => e.event_id)));
      expectPerKeyOrder(seen, later, { exactlyOnce: true });
      expect(a.active).toBe(false);
      await eventually(async () => (await redis.xlen(stream)) === 0);
    } finally {
      await frozen.thaw();
    }
  });

  it('parks an event the broker refuses after maxAttempts, reports it, and publishes the rest', async () => {
    const metrics = createMetrics('redis-outbox-test', { defaults: false });
    const before = keyedEvents(2, 2);
    // larger than the broker's message.max.bytes (1 MiB): Kafka itself rejects it
    const big = sampleUserCreated();
    const tooLarge = { ...big, data: { ...big.data, first_name: 'x'.repeat(1_200_000) } };
    const after = keyedEvents(2, 2);
    await writeEach([...before, tooLarge, ...after]);
    const r = relay({ maxAttempts: 3, metrics, batchSize: 10 });
    await expect(r.healthCheck().check()).resolves.toBeUndefined();
    r.start();

    const seen = await readIds(new Set([...before, ...after].map((e) => e.event_id)));
    // the refused batch may have been written for the other partitions before it was retried one by one
    expectPerKeyOrder(seen, [...before, ...after], { exactlyOnce: false });
    await eventually(async () => (await redis.xlen(stream)) === 0);
    const parked = await redis.xrange(`${stream}:parked`, '-', '+');
    expect(parked).toHaveLength(1);
    expect(parked[0][1].join(' ')).toContain(tooLarge.event_id);
    expect(parked[0][1].join(' ')).toMatch(/larger than the max message size/);
    await expect(r.healthCheck().check()).rejects.toThrow(/1 outbox event\(s\) parked/);
    expect(await metrics.registry.metrics()).toMatch(/outbox_parked\{[^}]*outbox="redis"\} 1\n/);
  });

  it('gives a free lock to exactly one of many standbys racing for it, and renews only its own', async () => {
    const racers = Array.from({ length: 20 }, () => new RedisLock(redis, `${stream}:relay-lock`, 5000));
    const won = await Promise.all(racers.map((l) => l.acquire()));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = racers[won.indexOf(true)];
    await redis.set(`${stream}:relay-lock`, 'someone-else'); // it expired and was taken meanwhile
    expect(await winner.acquire()).toBe(false);
    await winner.release();
    expect(await redis.get(`${stream}:relay-lock`)).toBe('someone-else');
  });
});
