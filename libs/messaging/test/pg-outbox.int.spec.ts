import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { createMetrics } from '@platform/service-kit';
import { Broker, Publisher, enqueueEvents } from '../src';
import { readTopic } from '../src/testing';
import { pgOutboxFixture } from './pg-outbox-fixture';
import {
  eventually,
  expectPerKeyOrder,
  failingPublisher,
  freezablePublisher,
  keyedEvents,
} from './outbox-test-support';

describe('PostgreSQL outbox relay', () => {
  const f = pgOutboxFixture();
  const { prefix, publisher, topic, logger, relay, inTransaction, commitEach, readIds } = f;

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
      (await f.pool.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).rows[0].n;
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
        await f.pool.query(
          'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND parked_at IS NULL',
        )
      ).rows[0].n;
    await eventually(async () => (await left()) === 0);
    const { rows } = await f.pool.query(
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
    await f.pool.query("UPDATE outbox SET created_at = now() - interval '90 seconds'");
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
      await f.pool.query(
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
    const { rows } = await f.pool.query(
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
