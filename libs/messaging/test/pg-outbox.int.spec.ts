import { TOPICS } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { readTopic } from '../src/testing';
import { createLogger } from '@platform/service-kit';
import { Pool, type PoolClient } from 'pg';
import { Broker, PG_OUTBOX_DDL, PgOutboxRelay, Publisher, enqueueEvents } from '../src';

const logger = createLogger('outbox-test', 'silent');

describe('PostgreSQL outbox relay', () => {
  const prefix = uniqueTopicPrefix();
  const broker = new Broker({
    clientId: 'outbox-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    pool = new Pool({ connectionString: db.url });
    await pool.query(PG_OUTBOX_DDL);
    await broker.ensureTopics([TOPICS.userEvents]);
  });
  afterAll(async () => {
    await publisher.disconnect();
    await broker.disconnect();
    await pool.end();
    await db.drop();
  });

  const inTransaction = async (fn: (tx: PoolClient) => Promise<void>, commit: boolean) => {
    const tx = await pool.connect();
    await tx.query('BEGIN');
    await fn(tx);
    await tx.query(commit ? 'COMMIT' : 'ROLLBACK');
    tx.release();
  };

  it('publishes committed events exactly once, even with two relays racing, and never rolled-back ones', async () => {
    const committed = Array.from({ length: 20 }, () => sampleUserCreated());
    const rolledBack = sampleUserCreated();
    await inTransaction((tx) => enqueueEvents(tx, TOPICS.userEvents, committed), true);
    await inTransaction((tx) => enqueueEvents(tx, TOPICS.userEvents, [rolledBack]), false);

    const relays = [1, 2].map(() => new PgOutboxRelay({ pool, publisher, logger, batchSize: 3, idleMs: 20 }));
    relays.forEach((r) => r.start());
    const ids = new Set(committed.map((e) => e.event_id));
    const seen = await readTopic(
      `${prefix}${TOPICS.userEvents}`,
      (m) => m.filter((x) => ids.has(x.json<{ event_id: string }>().event_id)).length >= 20,
    );
    await Promise.all(relays.map((r) => r.stop()));

    const eventIds = seen.map((m) => m.json<{ event_id: string }>().event_id);
    expect(eventIds.filter((id) => ids.has(id)).sort()).toEqual([...ids].sort());
    expect(eventIds).not.toContain(rolledBack.event_id);
    const { rows } = await pool.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
    );
    expect(rows[0].pending).toBe(0);
  });

  it('keeps events while Kafka is unreachable and publishes them once it is back', async () => {
    const event = sampleUserCreated();
    await inTransaction((tx) => enqueueEvents(tx, TOPICS.userEvents, [event]), true);
    const deadBroker = new Broker({
      clientId: 'dead',
      brokers: ['127.0.0.1:1'],
      topicPrefix: prefix,
      logger,
    });
    const deadPublisher = new Publisher(deadBroker);
    await expect(new PgOutboxRelay({ pool, publisher: deadPublisher, logger }).relayOnce()).rejects.toThrow();
    const { rows } = await pool.query('SELECT published_at FROM outbox WHERE event_id = $1', [
      event.event_id,
    ]);
    expect(rows[0].published_at).toBeNull();

    await expect(new PgOutboxRelay({ pool, publisher, logger }).relayOnce()).resolves.toBe(1);
    const seen = await readTopic(`${prefix}${TOPICS.userEvents}`, (m) =>
      m.some((x) => x.key === event.aggregate_id),
    );
    expect(seen.filter((m) => m.key === event.aggregate_id)).toHaveLength(1);
  });
});
