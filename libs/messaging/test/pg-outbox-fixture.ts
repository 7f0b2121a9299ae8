import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger } from '@platform/service-kit';
import { Pool, type PoolClient } from 'pg';
import { Broker, PG_OUTBOX_DDL, PgOutboxRelay, Publisher, enqueueEvents } from '../src';
import { readTopic, type ReadMessage } from '../src/testing';

const logger = createLogger('outbox-test', (process.env.TEST_LOG as 'debug') ?? 'silent');

/**
 * A PostgreSQL outbox for one test file: its own database and topic prefix, relays built by `relay()`
 * and stopped after each test, the outbox emptied after each test. Call it inside `describe`.
 */
export function pgOutboxFixture() {
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
  return {
    prefix,
    broker,
    publisher,
    topic,
    logger,
    relays,
    relay,
    inTransaction,
    commitEach,
    readIds,
    get pool() {
      return pool;
    },
    get db() {
      return db;
    },
  };
}
