import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { Broker, PgOutboxRelay, Publisher, type OutgoingMessage } from '@platform/messaging';
import { readTopic, type ReadMessage } from '@platform/messaging/testing';
import { createLogger } from '@platform/service-kit';
import request from 'supertest';
import { startUserService, type UserService } from './harness';

const logger = createLogger('outbox-crash', 'silent');
const eventIds = (m: ReadMessage[]) => m.map((x) => x.json<EventEnvelope>().event_id);

/**
 * The process dies at the two places where an outbox can lose or repeat an event: after the commit and
 * before the publish (the relay is not running while users are created), and after the publish and
 * before the UPDATE that marks the rows (injected: a publisher that sends, then throws as if the process
 * had died there). Nothing is lost; the second crash repeats events with their event_id, for the inbox.
 */
describe('outbox survives a crash', () => {
  let svc: UserService;
  let broker: Broker;
  let publisher: Publisher;
  beforeEach(async () => {
    svc = await startUserService();
    broker = Broker.fromConfig('outbox-crash-test', svc.config, logger);
    publisher = new Publisher(broker);
  });
  afterEach(async () => {
    await publisher.disconnect();
    await broker.disconnect();
    await svc.stop();
  });

  const endOffsets = async () => {
    const ends = await (await broker.getAdmin()).fetchTopicOffsets(svc.topic);
    return ends.reduce((n, p) => n + Number(p.high), 0);
  };
  const pending = async () =>
    (
      await svc.pool.query<{ event_id: string }>(
        'SELECT event_id FROM outbox WHERE published_at IS NULL AND topic = $1 ORDER BY id',
        [TOPICS.userEvents],
      )
    ).rows.map((r) => r.event_id);

  it('publishes what was committed before the crash once the process is back, and only once', async () => {
    await svc.register(); // TenantCreated, UserCreated: committed, and the process "dies" before publishing
    const committed = await pending();
    expect(committed).toHaveLength(2);
    expect(await endOffsets()).toBe(0); // nothing went out: the topic is empty, not "quiet for a while"

    svc.relay.start(); // the restarted process
    await readTopic(svc.topic, (m) => committed.every((id) => eventIds(m).includes(id)));
    await svc.relay.stop();

    // a second restart: events committed after it are published in id order, so once they are on the
    // topic, a repeat of the first ones would be there before them
    const again = new PgOutboxRelay({ pool: svc.pool, publisher, logger, idleMs: 20 });
    await svc.register();
    const later = await pending();
    again.start();
    try {
      const all = await readTopic(svc.topic, (m) => later.every((id) => eventIds(m).includes(id)));
      expect(eventIds(all).sort()).toEqual([...committed, ...later].sort()); // each once
    } finally {
      await again.stop();
    }
  });

  it('publishes again after a crash between the publish and the mark: a duplicate with the same event_id', async () => {
    await svc.register();
    const committed = await pending();
    let died = false;
    const dying = {
      async publish(messages: OutgoingMessage[]) {
        if (died) throw new Error('the process is gone'); // nothing more leaves a dead process
        await publisher.publish(messages);
        died = true;
        throw new Error('killed after the send, before the UPDATE');
      },
    };
    const dead = new PgOutboxRelay({
      pool: svc.pool,
      publisher: dying,
      logger,
      maxAttempts: 1_000,
      idleMs: 20,
    });
    dead.start();
    await readTopic(svc.topic, (m) => committed.every((id) => eventIds(m).includes(id)));
    await dead.stop();
    expect(died).toBe(true);
    expect(await pending()).toEqual(committed); // sent, but never marked

    svc.relay.start(); // the restarted process sends them again
    const all = await readTopic(svc.topic, (m) => eventIds(m).length >= 2 * committed.length);
    await svc.relay.stop();
    // each event twice, with the same event_id, and for each key the repeat after the original
    expect(eventIds(all).sort()).toEqual([...committed, ...committed].sort());
    for (const key of new Set(all.map((m) => m.key))) {
      const ofKey = eventIds(all.filter((m) => m.key === key));
      expect(ofKey).toEqual([...ofKey.slice(0, ofKey.length / 2), ...ofKey.slice(0, ofKey.length / 2)]);
    }
    expect(await pending()).toEqual([]);
  });

  it('reports degraded on /health while an event is parked, healthy again once it is released', async () => {
    await svc.register();
    expect((await request(svc.app).get('/health')).body.checks.outbox).toBe('healthy');
    await svc.pool.query(
      "UPDATE outbox SET parked_at = now(), attempts = 10, last_error = 'refused' WHERE id = (SELECT min(id) FROM outbox)",
    );
    const degraded = await request(svc.app).get('/health');
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', checks: { outbox: 'degraded' } });
    await svc.pool.query('UPDATE outbox SET parked_at = NULL, attempts = 0');
    expect((await request(svc.app).get('/health')).body.checks.outbox).toBe('healthy');
  });
});
