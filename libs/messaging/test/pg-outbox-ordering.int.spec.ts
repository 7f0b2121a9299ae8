import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { createMetrics } from '@platform/service-kit';
import { Pool } from 'pg';
import { enqueueEvents, type OutgoingMessage } from '../src';
import { pgOutboxFixture } from './pg-outbox-fixture';
import { eventually, expectPerKeyOrder, freezablePublisher, keyedEvents } from './outbox-test-support';

describe('PostgreSQL outbox relay: order per key', () => {
  const f = pgOutboxFixture();
  const { publisher, relays, relay, commitEach, readIds } = f;

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
      async () => (await f.pool.query('SELECT 1 FROM outbox WHERE parked_at IS NOT NULL')).rowCount === 1,
    );
    await commitEach([bs[0], a2, bs[1], a3]);
    const seenB = await readIds(new Set(bs.map((e) => e.event_id)));
    expectPerKeyOrder(seenB, bs, { exactlyOnce: true });
    // b's went out after a2 was committed: a2 and a3 are held back, and said to be
    const unpublished = async () =>
      (await f.pool.query('SELECT event_id FROM outbox WHERE published_at IS NULL ORDER BY id')).rows.map(
        (x: { event_id: string }) => x.event_id,
      );
    expect(await unpublished()).toEqual([a1.event_id, a2.event_id, a3.event_id]);
    await expect(r.healthCheck().check()).rejects.toThrow(/1 outbox event\(s\) parked, 2 held back/);
    expect(await metrics.registry.metrics()).toMatch(/outbox_held_back\{[^}]*outbox="postgres"\} 2\n/);

    refuse = false; // the cause is fixed, and a person releases the row
    await f.pool.query('UPDATE outbox SET parked_at = NULL, attempts = 0 WHERE event_id = $1', [a1.event_id]);
    const seenA = await readIds(new Set([a1, a2, a3].map((e) => e.event_id)));
    expectPerKeyOrder(seenA, [a1, a2, a3], { exactlyOnce: true });
  });

  it('publishes one aggregate in commit order when its transactions do not lock its row', async () => {
    relay({ batchSize: 1 }).start();
    const [first, second] = keyedEvents(1, 2);
    const t1 = await f.pool.connect();
    const t2 = await f.pool.connect();
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
          await f.pool.query(
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
    const ta = await f.pool.connect();
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
    const single = new Pool({ connectionString: f.db.url, max: 1 });
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
});
