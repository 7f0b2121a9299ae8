import { randomBytes } from 'node:crypto';
import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics } from '@platform/service-kit';
import mongoose, { type Connection, type mongo } from 'mongoose';
import {
  Broker,
  MONGO_HINTS_COLLECTION,
  MongoOutbox,
  MongoOutboxRelay,
  Publisher,
  withEvents,
  type MongoRelayOptions,
} from '../src';
import { readTopic, type ReadMessage } from '../src/testing';
import { eventually, expectPerKeyOrder, freezablePublisher, keyedEvents } from './outbox-test-support';

const logger = createLogger('mongo-outbox-hints-test', (process.env.TEST_LOG as 'debug') ?? 'silent');

// The relay reads the documents its writers hinted, by _id; a sweep finds the events left without a hint.
describe('MongoDB outbox relay: hinted documents, and a sweep for the rest', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}${TOPICS.userEvents}`;
  const broker = new Broker({
    clientId: 'mongo-outbox-hints-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  /** The writers' connection; the relay's own (relayConnection) records the commands it sends. */
  let connection: Connection;
  let relayConnection: Connection;
  const sent: mongo.CommandStartedEvent[] = [];
  const relays: MongoOutboxRelay[] = [];
  let collection = '';
  const relay = (opts: Partial<MongoRelayOptions> = {}) => {
    const r = new MongoOutboxRelay({
      connection: relayConnection,
      collections: [collection],
      publisher,
      logger,
      idleMs: 20,
      standbyMs: 20,
      retryDelayMs: 10,
      leaseMs: 1000,
      sweepMs: 600_000, // only the one at start, unless a test says otherwise
      ...opts,
    });
    relays.push(r);
    r.start();
    return r;
  };

  beforeAll(async () => {
    const url = `${process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017'}/t_mongo_hints_${randomBytes(4).toString('hex')}`;
    connection = await mongoose.createConnection(url).asPromise();
    relayConnection = await mongoose.createConnection(url, { monitorCommands: true }).asPromise();
    relayConnection.getClient().on('commandStarted', (e) => sent.push(e));
    await broker.ensureTopics([TOPICS.userEvents]);
  });
  beforeEach(() => {
    collection = `users_${randomBytes(3).toString('hex')}`;
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await publisher.disconnect();
    await broker.disconnect();
    await connection.dropDatabase();
    await Promise.all([connection.close(), relayConnection.close()]);
  });

  /** One state change per event, with its event in the same update; then its hint unless the writer died. */
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
  const published = async (events: EventEnvelope[]) => {
    const ids = new Set(events.map((e) => e.event_id));
    const ours = (m: ReadMessage[]) => m.filter((x) => ids.has(x.json<EventEnvelope>().event_id));
    const all = await readTopic(
      topic,
      (m) => new Set(ours(m).map((x) => x.json<EventEnvelope>().event_id)).size >= ids.size,
    );
    return ours(all);
  };
  const hintsLeft = () =>
    connection.collection(MONGO_HINTS_COLLECTION).countDocuments({ collection: { $eq: collection } });

  it('publishes, at its next sweep, an event whose writer died between its write and its hint', async () => {
    relay({ sweepMs: 500 });
    const first = keyedEvents(1, 1);
    await writeEach(first);
    await published(first); // the relay is running, past its first sweep

    const orphan = keyedEvents(2, 2);
    await writeEach(orphan, { hint: false });
    expectPerKeyOrder(await published(orphan), orphan, { exactlyOnce: true });
    await eventually(async () => (await hintsLeft()) === 0);
  });

  it('keeps the hint of a document that got a new event while its earlier ones were being sent', async () => {
    const frozen = freezablePublisher(publisher);
    relay({ publisher: frozen, publishTimeoutMs: 600_000, leaseMs: 10_000 }); // no lease runs out meanwhile
    const [first, second] = keyedEvents(1, 2);
    frozen.freeze(); // before the write: frozen after it, the relay may have sent `first` already
    await writeEach([first]);
    await eventually(() => frozen.stuck()); // the relay read the document and is sending `first`
    await writeEach([second]);
    await frozen.thaw({ deliver: true }); // `first` goes out and is pulled; `second` stays in the document

    expectPerKeyOrder(await published([first, second]), [first, second], { exactlyOnce: true });
    await eventually(async () => (await hintsLeft()) === 0);
  });

  it('reads the documents by _id only between sweeps, gauges and health check included', async () => {
    const metrics = createMetrics('mongo-outbox-hints-test', { defaults: false });
    const r = relay({ metrics });
    const first = keyedEvents(1, 1);
    await writeEach(first);
    await published(first); // past the sweep at start
    sent.length = 0;

    const events = keyedEvents(3, 3);
    await writeEach(events);
    expect(await metrics.registry.metrics()).toMatch(/outbox_pending\{[^}]*outbox="mongodb"\} \d+\n/);
    await r.healthCheck().check();
    expectPerKeyOrder(await published(events), events, { exactlyOnce: true });
    await eventually(async () => (await hintsLeft()) === 0);
    await metrics.registry.metrics();

    const onCollection = sent.filter((e) => e.command[e.commandName] === collection);
    expect(onCollection.map((e) => e.commandName)).toEqual(expect.arrayContaining(['find', 'findAndModify']));
    const filters = onCollection.flatMap((e): unknown[] => {
      if (e.commandName === 'find') return [e.command.filter];
      if (e.commandName === 'update') return e.command.updates.map((u: { q: unknown }) => u.q);
      if (e.commandName === 'findAndModify') return [e.command.query];
      return [{ unexpected: e.commandName }]; // no aggregate, count or anything else on the collection
    });
    for (const filter of filters) expect(filter).toEqual({ _id: expect.any(String) });
  });
});
