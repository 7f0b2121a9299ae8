import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics } from '@platform/service-kit';
import { Pool, type PoolClient } from 'pg';
import { Broker, PG_OUTBOX_DDL, PgOutboxRelay, Publisher, enqueueEvents, type OutgoingMessage } from '../src';
import { readTopic, type ReadMessage } from '../src/testing';
import {
  eventually,
  expectPerKeyOrder,
  failingPublisher,
  freezablePublisher,
  keyedEvents,
} from './outbox-test-support';

const logger = createLogger('outbox-test', (process.env.TEST_LOG as 'debug') ?? 'silent');

describe('PostgreSQL outbox relay', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}${TOPICS.userEvents}`;
  const broker = new Broker({
    clientId: 'outbox-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  const relays: PgOutboxRelay[] = [];
  const relay = (opts: Partial<ConstructorParameters<typeof PgOutboxRelay>[0]> = {}) => {
    const r = new PgOutboxRelay({
      pool,
      publisher,
      logger,
      idleMs: 20,
      standbyMs: 20,
      retryDelayMs: 10,
      ...opts,
    });
    relays.push(r);
    return r;
  };

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    pool = new Pool({ connectionString: db.url });
    await pool.query(PG_OUTBOX_DDL);
    await broker.ensureTopics([TOPICS.userEvents]);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await pool.query('TRUNCATE outbox');
  });
  afterAll(async () => {
    await publisher.disconnect();
    await broker.disconnect();
    await pool.end();
    await db.drop();
  });

  const inTransaction = async (fn: (tx: PoolClient) => Promise<void>, commit = true) => {
    const tx = await pool.connect();
    await tx.query('BEGIN');
    await fn(tx);
    await tx.query(commit ? 'COMMIT' : 'ROLLBACK');
    tx.release();
  };
  const commitEach = async (events: EventEnvelope[]) => {
    for (const e of events) await inTransaction((tx) => enqueueEvents(tx, TOPICS.userEvents, [e]));
  };
  /** The messages carrying these events, once each of them arrived at least once. */
  const readIds = async (ids: Set<string>) => {
    const ours = (m: ReadMessage[]) => m.filter((x) => ids.has(x.json<EventEnvelope>().event_id));
    const seen = await readTopic(
      topic,
      (m) => new Set(ours(m).map((x) => x.json<EventEnvelope>().event_id)).size >= ids.size,
    );
    return ours(seen);
  };

  it('keeps every key in commit order, exactly once, with two relays and a failed send', async () => {
    const events = keyedEvents(5, 16); // 80 events of 5 aggregates, interleaved
    const rolledBack = sampleUserCreated();
    await commitEach(events);
    await inTransaction((tx) => enqueueEvents(tx, TOPICS.userEvents, [rolledBack]), false);

    // the 2nd and 4th sends fail before anything is sent, as a broker refusing a request would
    const flaky = failingPublisher(publisher, (n) => n === 2 || n === 4);
    const [a, b] = [relay({ publisher: flaky, batchSize: 7 }), relay({ publisher: flaky, batchSize: 7 })];
    a.start();
    b.start();

    const ids = new Set(events.map((e) => e.event_id));
    const seen = await readIds(ids);
    expect(flaky.failures()).toBe(2);
    expectPerKeyOrder(seen, events, { exactlyOnce: true });
    expect([a.active, b.active].filter(Boolean)).toHaveLength(1);
    const all = await readTopic(topic, () => true);
    expect(all.map((m) => m.json<EventEnvelope>().event_id)).not.toContain(rolledBack.event_id);
    const pending = async () =>
      (await pool.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).rows[0].n;
    await eventually(async () => (await pending()) === 0); // every published row is marked
  });

  it('parks an event the broker refuses after maxAttempts, reports it, and publishes the rest', async () => {
    const metrics = createMetrics('outbox-test', { defaults: false });
    const before = keyedEvents(2, 2);
    // larger than the broker's message.max.bytes (1 MiB): Kafka itself rejects it
    const tooLarge = {
      ...sampleUserCreated(),
      data: { ...sampleUserCreated().data, first_name: 'x'.repeat(1_200_000) },
    };
    const after = keyedEvents(2, 2);
    await commitEach([...before, tooLarge, ...after]);
    const r = relay({ maxAttempts: 3, metrics, batchSize: 10 });
    await expect(r.healthCheck().check()).resolves.toBeUndefined();
    r.start();

    const ids = new Set([...before, ...after].map((e) => e.event_id));
    const seen = await readIds(ids);
    // the refused batch may have been written for the other partitions before it was retried one by one
    expectPerKeyOrder(seen, [...before, ...after], { exactlyOnce: false });
    // the rest marked, the refused one parked
    const left = async () =>
      (
        await pool.query(
          'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND parked_at IS NULL',
        )
      ).rows[0].n;
    await eventually(async () => (await left()) === 0);
    const { rows } = await pool.query(
      'SELECT attempts, last_error, parked_at FROM outbox WHERE event_id = $1',
      [tooLarge.event_id],
    );
    expect(rows[0]).toMatchObject({ attempts: 3, parked_at: expect.any(Date) });
    expect(rows[0].last_error).toMatch(/larger than the max message size/);
    await expect(r.healthCheck().check()).rejects.toThrow(/1 outbox event\(s\) parked/);
    const exported = await metrics.registry.metrics();
    expect(exported).toMatch(/outbox_parked\{service="outbox-test",outbox="postgres"\} 1/);
    expect(exported).toMatch(/outbox_pending\{service="outbox-test",outbox="postgres"\} 0/);
    expect(exported).toMatch(/outbox_oldest_age_seconds\{service="outbox-test",outbox="postgres"\} 0/);
  });

  it('exports the pending count and the age of the oldest pending event', async () => {
    const metrics = createMetrics('outbox-test', { defaults: false });
    await commitEach(keyedEvents(1, 3));
    await pool.query("UPDATE outbox SET created_at = now() - interval '90 seconds'");
    // Kafka refuses everything: the events stay pending, and the gauges say so
    relay({ metrics, publisher: failingPublisher(publisher, () => true), maxAttempts: 1000 }).start();
    await eventually(async () => /outbox_pending\{[^}]*\} 3\n/.test(await metrics.registry.metrics()));
    const exported = await metrics.registry.metrics();
    const age = Number(/outbox_oldest_age_seconds\{[^}]*\} ([\d.]+)/.exec(exported)?.[1]);
    expect(age).toBeGreaterThanOrEqual(90);
  });

  it('lets a standby take over when the active relay dies, and publishes what came after', async () => {
    const first = keyedEvents(3, 3);
    await commitEach(first);
    // the active relay will hang in its next send, as a process that froze and then died
    const frozen = freezablePublisher(publisher);
    const a = relay({ publisher: frozen, publishTimeoutMs: 600_000 }); // frozen: it cannot time out either
    a.start();
    await readIds(new Set(first.map((e) => e.event_id)));
    const b = relay();
    b.start();
    expect(a.active).toBe(true);
    expect(b.active).toBe(false);

    frozen.freeze();
    try {
      const later = keyedEvents(3, 3);
      await commitEach(later);
      await eventually(() => frozen.stuck()); // a read them and hangs in their send
      // the holder's session ends (its process is gone): PostgreSQL releases the lock
      await pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
         WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      await eventually(() => b.active);
      const seen = await readIds(new Set(later.map((e) => e.event_id)));
      expectPerKeyOrder(seen, later, { exactlyOnce: true });
      expect(a.active).toBe(false);
      // the frozen send lands late, after its successor's: a duplicate, and each key's first arrivals keep their order
      await frozen.thaw({ deliver: true });
      const all = await readIds(new Set([...first, ...later].map((e) => e.event_id)));
      expect(all.length).toBeGreaterThan(first.length + later.length);
      expectPerKeyOrder(all, [...first, ...later], { exactlyOnce: false });
    } finally {
      await frozen.thaw();
    }
  });

  it('holds back the later events of a key with a parked row until it is released, while other keys flow', async () => {
    const metrics = createMetrics('outbox-test', { defaults: false });
    const [a1, a2, a3] = keyedEvents(1, 3);
    const bs = keyedEvents(1, 2);
    await commitEach([a1]);
    // a1 is refused until released: the broker rejects it, as it would a too-large event
    let refuse = true;
    const picky = {
      publish: async (m: OutgoingMessage[]) => {
        if (refuse && m.some((x) => x.event.event_id === a1.event_id)) throw new Error('injected: rejected');
        await publisher.publish(m);
      },
    };
    const r = relay({ publisher: picky, maxAttempts: 2, metrics });
    r.start();
    await eventually(
      async () => (await pool.query('SELECT 1 FROM outbox WHERE parked_at IS NOT NULL')).rowCount === 1,
    );
    await commitEach([bs[0], a2, bs[1], a3]);
    const seenB = await readIds(new Set(bs.map((e) => e.event_id)));
    expectPerKeyOrder(seenB, bs, { exactlyOnce: true });
    // b's went out after a2 was committed: a2 and a3 are held back, and said to be
    const unpublished = async () =>
      (await pool.query('SELECT event_id FROM outbox WHERE published_at IS NULL ORDER BY id')).rows.map(
        (x: { event_id: string }) => x.event_id,
      );
    expect(await unpublished()).toEqual([a1.event_id, a2.event_id, a3.event_id]);
    await expect(r.healthCheck().check()).rejects.toThrow(/1 outbox event\(s\) parked, 2 held back/);
    expect(await metrics.registry.metrics()).toMatch(/outbox_held_back\{[^}]*outbox="postgres"\} 2\n/);

    refuse = false; // the cause is fixed, and a person releases the row
    await pool.query('UPDATE outbox SET parked_at = NULL, attempts = 0 WHERE event_id = $1', [a1.event_id]);
    const seenA = await readIds(new Set([a1, a2, a3].map((e) => e.event_id)));
    expectPerKeyOrder(seenA, [a1, a2, a3], { exactlyOnce: true });
  });

  it('publishes one aggregate in commit order when its transactions do not lock its row', async () => {
    relay({ batchSize: 1 }).start();
    const [first, second] = keyedEvents(1, 2);
    const t1 = await pool.connect();
    const t2 = await pool.connect();
    try {
      await t1.query('BEGIN');
      await enqueueEvents(t1, TOPICS.userEvents, [first]); // takes the lower id
      await t2.query('BEGIN');
      // the second transaction tries to commit first; enqueueEvents makes it wait for the first
      let committed = false;
      const secondDone = enqueueEvents(t2, TOPICS.userEvents, [second])
        .then(() => t2.query('COMMIT'))
        .then(() => (committed = true));
      // until it waits for the first one's lock (or, without that lock, has committed before it)
      const waiting = async () =>
        (
          await pool.query(
            `SELECT 1 FROM pg_stat_activity
             WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND datname = current_database()`,
          )
        ).rowCount === 1;
      await eventually(async () => committed || (await waiting()));
      await t1.query('COMMIT');
      await secondDone;
    } finally {
      t1.release();
      t2.release();
    }
    const seen = await readIds(new Set([first.event_id, second.event_id]));
    expect(seen.map((m) => m.json<EventEnvelope>().event_id)).toEqual([first.event_id, second.event_id]);
  });

  it('never lets a key overtake its own row that committed after a higher id was read', async () => {
    const [a1, a2] = keyedEvents(1, 2);
    const [b1, b2] = keyedEvents(1, 2);
    const ta = await pool.connect();
    const frozen = freezablePublisher(publisher);
    try {
      await ta.query('BEGIN');
      await enqueueEvents(ta, TOPICS.userEvents, [a1]); // the lowest id, committed last
      await commitEach([b1, b2]);
      frozen.freeze();
      relay({ publisher: frozen, batchSize: 1 }).start();
      await eventually(() => frozen.stuck()); // sending b1, with b2 read behind it
      await ta.query('COMMIT');
      await commitEach([a2]); // a higher id than anything read so far
      await frozen.thaw({ deliver: true });
    } finally {
      ta.release();
      await frozen.thaw();
    }
    const seen = await readIds(new Set([a1, a2, b1, b2].map((e) => e.event_id)));
    expectPerKeyOrder(seen, [a1, a2, b1, b2], { exactlyOnce: true });
  });

  it('holds its lock on a connection of its own, not one of the service pool', async () => {
    const single = new Pool({ connectionString: db.url, max: 1 });
    try {
      const events = keyedEvents(2, 2);
      await commitEach(events);
      relay({ pool: single }).start();
      const seen = await readIds(new Set(events.map((e) => e.event_id)));
      expectPerKeyOrder(seen, events, { exactlyOnce: true });
      await Promise.all(relays.splice(0).map((x) => x.stop()));
    } finally {
      await single.end();
    }
  }, 30_000);

  it('keeps events while Kafka is unreachable, without counting it against them, and publishes them once it is back', async () => {
    const event = sampleUserCreated();
    await commitEach([event]);
    const deadBroker = new Broker({
      clientId: 'dead',
      brokers: ['127.0.0.1:1'],
      topicPrefix: prefix,
      logger,
    });
    const dead = failingPublisher(new Publisher(deadBroker), () => false);
    const r = relay({ publisher: dead, maxAttempts: 1 });
    r.start();
    await eventually(() => dead.failures() >= 1);
    await r.stop();
    const { rows } = await pool.query(
      'SELECT published_at, attempts, parked_at FROM outbox WHERE event_id = $1',
      [event.event_id],
    );
    expect(rows[0]).toEqual({ published_at: null, attempts: 0, parked_at: null });

    relay().start();
    const seen = await readIds(new Set([event.event_id]));
    expect(seen).toHaveLength(1);
    await deadBroker.disconnect();
  });
});
