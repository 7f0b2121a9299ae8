import { randomBytes } from 'node:crypto';
import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics } from '@platform/service-kit';
import mongoose, { type Connection } from 'mongoose';
import { Broker, MongoOutbox, MongoOutboxRelay, Publisher, withEvents, type MongoRelayOptions } from '../src';
import { MongoLease } from '../src/outbox/mongo-lease';
import { readTopic, type ReadMessage } from '../src/testing';
import {
  eventually,
  expectPerKeyOrder,
  failingPublisher,
  freezablePublisher,
  keyedEvents,
  topicSize,
} from './outbox-test-support';

const logger = createLogger('mongo-outbox-test', (process.env.TEST_LOG as 'debug') ?? 'silent');

describe('MongoDB outbox (events in the aggregate document)', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}${TOPICS.userEvents}`;
  const broker = new Broker({
    clientId: 'mongo-outbox-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  let connection: Connection;
  const relays: MongoOutboxRelay[] = [];
  let collection = '';
  const relay = (opts: Partial<MongoRelayOptions> = {}) => {
    const r = new MongoOutboxRelay({
      connection,
      collections: [collection],
      publisher,
      logger,
      idleMs: 20,
      standbyMs: 20,
      retryDelayMs: 10,
      leaseMs: 1000,
      ...opts,
    });
    relays.push(r);
    return r;
  };

  beforeAll(async () => {
    const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
    connection = await mongoose
      .createConnection(`${url}/t_mongo_outbox_${randomBytes(4).toString('hex')}`)
      .asPromise();
    await broker.ensureTopics([TOPICS.userEvents]);
  });
  beforeEach(() => {
    collection = `users_${randomBytes(3).toString('hex')}`; // and a lease of its own
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await publisher.disconnect();
    await broker.disconnect();
    await connection.dropDatabase();
    await connection.close();
  });

  /**
   * Each event is one state change of its aggregate, written with its event in one update, then hinted
   * to the relay, as a repository does (`hint: false`: the writer died before its hint).
   */
  const writeEach = async (events: EventEnvelope[], { hint = true } = {}) => {
    for (const e of events) {
      await connection
        .collection(collection)
        .updateOne(
          { _id: e.aggregate_id } as never,
          withEvents({ $inc: { version: 1 } }, TOPICS.userEvents, [e]),
          { upsert: true },
        );
      if (hint) await new MongoOutbox(connection).hint(collection, [e.aggregate_id]);
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
  const pendingCount = async () =>
    (
      await connection
        .collection(collection)
        .find({ 'outbox.0': { $exists: true } })
        .toArray()
    ).length;

  it('loses nothing in a crash between the state write and the publish: a relay started later publishes it once', async () => {
    const events = keyedEvents(3, 2);
    await writeEach(events, { hint: false }); // and the process dies before its hints and any relay ran
    expect(await topicSize(broker, topic)).toBe(0);
    const doc = await connection.collection(collection).findOne({ _id: events[0].aggregate_id } as never);
    expect(doc).toMatchObject({
      version: 2,
      outbox: [{ event: { event_id: events[0].event_id } }, { event: { event_id: events[3].event_id } }],
    });

    const metrics = createMetrics('mongo-outbox-test', { defaults: false });
    relay({ metrics, publisher: failingPublisher(publisher, () => true) }).start();
    await eventually(async () =>
      /outbox_pending\{[^}]*outbox="mongodb"\} 6\n/.test(await metrics.registry.metrics()),
    );
    await relays.pop()?.stop();

    relay().start(); // the restarted process
    const seen = await readIds(new Set(events.map((e) => e.event_id)));
    expectPerKeyOrder(seen, events, { exactlyOnce: true });
    await eventually(async () => (await pendingCount()) === 0);
    expect(
      await connection.collection(collection).findOne({ _id: events[0].aggregate_id } as never),
    ).toMatchObject({ version: 2, outbox: [] });
  });

  it('keeps every key in order, exactly once, with two relays, writes going on, and a failed send', async () => {
    const flaky = failingPublisher(publisher, (n) => n === 2 || n === 5);
    const [a, b] = [relay({ publisher: flaky, batchSize: 2 }), relay({ publisher: flaky, batchSize: 2 })];
    a.start();
    b.start();
    const events = keyedEvents(5, 8);
    await writeEach(events);
    const seen = await readIds(new Set(events.map((e) => e.event_id)));
    expectPerKeyOrder(seen, events, { exactlyOnce: true });
    expect(flaky.failures()).toBe(2);
    expect([a.active, b.active].filter(Boolean)).toHaveLength(1);
  });

  it('lets a standby take over once the active relay stops renewing its lease', async () => {
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

    frozen.freeze(); // a hangs in its next send: no more renewals
    try {
      const later = keyedEvents(2, 3);
      await writeEach(later);
      await eventually(() => frozen.stuck()); // a read them and hangs in their send
      await eventually(() => b.active);
      const seen = await readIds(new Set(later.map((e) => e.event_id)));
      expectPerKeyOrder(seen, later, { exactlyOnce: true }); // a's frozen send never went out
      expect(a.active).toBe(false);
      await eventually(async () => (await pendingCount()) === 0);
    } finally {
      await frozen.thaw();
    }
  });

  it('parks an event the broker refuses after maxAttempts, reports it, and publishes the rest', async () => {
    const metrics = createMetrics('mongo-outbox-test', { defaults: false });
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
    await eventually(async () => (await pendingCount()) === 0);
    const doc = await connection.collection(collection).findOne({ _id: tooLarge.aggregate_id } as never);
    expect(doc).toMatchObject({
      outbox: [],
      outbox_parked: [
        {
          event: { event_id: tooLarge.event_id },
          error: expect.stringMatching(/larger than the max message size/),
        },
      ],
    });
    await expect(r.healthCheck().check()).rejects.toThrow(/1 outbox event\(s\) parked/);
    expect(await metrics.registry.metrics()).toMatch(/outbox_parked\{[^}]*outbox="mongodb"\} 1\n/);
  });

  it('gives an expired lease to exactly one of many standbys racing for it', async () => {
    // relies on conditional single-document writes being atomic: true on MongoDB, and on FerretDB 1.24
    // only with devstack's patch (libs/devstack/ferretdb)
    const name = `race-${collection}`;
    await connection
      .collection<{ _id: string; owner: string; expires_at: Date }>('outbox_leases')
      .insertOne({ _id: name, owner: 'dead', expires_at: new Date(Date.now() - 1000) });
    const racers = Array.from({ length: 20 }, () => new MongoLease(connection, name, 5000));
    const won = await Promise.all(racers.map((l) => l.acquire()));
    expect(won.filter(Boolean)).toHaveLength(1);
    await racers[won.indexOf(true)].release();
  });
});
