import { randomUUID } from 'node:crypto';
import { TOPICS, dlqTopic, type DomainEvent } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { createTestDatabase, eventually, uniqueTopicPrefix } from '@platform/devstack/testing';
import { AppError, createLogger, createPgPool } from '@platform/service-kit';
import { type Pool, type PoolClient } from 'pg';
import { Broker, EventConsumer, PG_INBOX_DDL, PgInbox, Publisher, type HandlerContext } from '../src';
import { readTopic, waitForGroupCaughtUp } from '../src/testing';

const logger = createLogger('messaging-test', 'silent');
const crash = () => new AppError({ code: 'CRASH', status: 503, retriable: true, message: 'injected crash' });

describe('PgInbox: the mark and the effect commit in one transaction', () => {
  const prefix = uniqueTopicPrefix();
  const broker = new Broker({
    clientId: 'pg-inbox-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const groupId = `pg-inbox-${randomUUID()}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let consumer: EventConsumer;
  /** Per event id: injected failures, run inside the handler's transaction after its effect. */
  const afterEffect = new Map<string, (tx: PoolClient) => Promise<void>>();
  /** Per event id: injected failures after the inbox committed, before the offset is committed. */
  const afterCommit = new Map<string, () => void>();

  // the effect: a counter per user, so applying an event twice shows as 2
  const welcome = async (event: DomainEvent<'UserCreated'>, tx: PoolClient) => {
    await tx.query(
      `INSERT INTO welcomes (user_id, n) VALUES ($1, 1) ON CONFLICT (user_id) DO UPDATE SET n = welcomes.n + 1`,
      [event.data.user_id],
    );
    await afterEffect.get(event.event_id)?.(tx);
  };
  const count = async (userId: string) =>
    Number((await pool.query('SELECT n FROM welcomes WHERE user_id = $1', [userId])).rows[0]?.n ?? 0);

  beforeAll(async () => {
    db = await createTestDatabase('pg_inbox');
    pool = createPgPool(db.url);
    await pool.query(PG_INBOX_DDL);
    await pool.query('CREATE TABLE welcomes (user_id uuid PRIMARY KEY, n int NOT NULL)');
    await pool.query(
      'CREATE TABLE stock (id int PRIMARY KEY, n int NOT NULL); INSERT INTO stock VALUES (1, 0), (2, 0)',
    );
    await broker.ensureTopics([TOPICS.userEvents]);
    const inbox = new PgInbox(pool);
    const handle = inbox.handle(welcome);
    consumer = new EventConsumer(broker, {
      groupId,
      topics: [TOPICS.userEvents],
      retry: { initialMs: 20, maxMs: 100 },
      maxWaitMs: 100,
      handlers: {
        UserCreated: async (event, ctx) => {
          const result = await handle(event, ctx);
          afterCommit.get(event.event_id)?.();
          return result;
        },
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await publisher.disconnect();
    await broker.disconnect();
    await pool.end();
    await db.drop();
  });

  const publish = (...events: DomainEvent<'UserCreated'>[]) =>
    publisher.publish(events.map((event) => ({ topic: TOPICS.userEvents, event })));
  const topic = `${prefix}${TOPICS.userEvents}`;

  it('applies an event once when the connection dies between the effect and the commit', async () => {
    const event = sampleUserCreated();
    let killed = false;
    afterEffect.set(event.event_id, async (tx) => {
      if (killed) return;
      killed = true;
      await tx.query('SELECT pg_terminate_backend(pg_backend_pid())'); // the handler's own connection dies
    });
    await publish(event);
    await waitForGroupCaughtUp(groupId, topic);
    expect(killed).toBe(true);
    expect(await count(event.data.user_id)).toBe(1);
  });

  it('applies an event once when the process dies after the commit, before the offset commit', async () => {
    const event = sampleUserCreated();
    let crashed = false;
    afterCommit.set(event.event_id, () => {
      if (crashed) return;
      crashed = true;
      throw crash(); // the message comes again, as after a restart
    });
    await publish(event, event); // and a plain duplicate on top
    await waitForGroupCaughtUp(groupId, topic);
    expect(crashed).toBe(true);
    expect(await count(event.data.user_id)).toBe(1);
    const marks = await pool.query('SELECT consumer_group FROM processed_events WHERE event_id = $1', [
      event.event_id,
    ]);
    expect(marks.rows).toEqual([{ consumer_group: groupId }]);
  });

  it('applies one of two concurrent deliveries of an event; the other is a duplicate', async () => {
    const event = sampleUserCreated();
    const ctx: HandlerContext = {
      group: `concurrent-${randomUUID()}`,
      topic: TOPICS.userEvents,
      partition: 0,
      offset: '0',
    };
    // the first delivery holds its transaction open until the second is blocked on the inbox row
    afterEffect.set(event.event_id, async () => {
      afterEffect.delete(event.event_id);
      await eventually(
        async () => {
          const { rows } = await pool.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return rows[0].n >= 1;
        },
        { what: 'the second delivery to wait on the inbox row' },
      );
    });
    const handle = new PgInbox(pool).handle(welcome);
    const results = await Promise.all([handle(event, ctx), handle(event, ctx)]);
    expect(results.sort()).toEqual(['duplicate', undefined]);
    expect(await count(event.data.user_id)).toBe(1);
  });

  it('retries a handler chosen as a deadlock victim (40P01) until it applies, and dead-letters nothing', async () => {
    const event = sampleUserCreated();
    const partnerEvent = sampleUserCreated();
    const lockWaiters = async () =>
      (
        await pool.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      ).rows[0].n as number;
    const held = { partner: false, consumer: false };
    let deadlocked = false;
    const victimCodes: string[] = [];
    // the consumer's handler locks row 1, then row 2; the first time, it does so while a second handler
    // holds row 2 and waits for row 1, and it is the deadlock victim (its deadlock_timeout is shorter)
    afterEffect.set(event.event_id, async (tx) => {
      const first = !deadlocked;
      deadlocked = true;
      if (first) {
        await eventually(() => held.partner, { what: 'the other handler to lock row 2' });
        await tx.query(`SET LOCAL deadlock_timeout = '50ms'`);
      }
      await tx.query('UPDATE stock SET n = n + 1 WHERE id = 1');
      if (first) {
        held.consumer = true;
        await eventually(async () => (await lockWaiters()) >= 1, {
          what: 'the other handler to wait for row 1',
        });
      }
      await tx.query('UPDATE stock SET n = n + 1 WHERE id = 2').catch((err: { code?: string }) => {
        victimCodes.push(err.code ?? '');
        throw err;
      });
    });
    const partner = new PgInbox(pool).handle(async (_e: DomainEvent<'UserCreated'>, tx) => {
      await tx.query(`SET LOCAL deadlock_timeout = '10s'`);
      await tx.query('UPDATE stock SET n = n + 1 WHERE id = 2');
      held.partner = true;
      await eventually(() => held.consumer, { what: 'the consumer handler to lock row 1' });
      await tx.query('UPDATE stock SET n = n + 1 WHERE id = 1');
    });
    const partnerDone = partner(partnerEvent, {
      group: `partner-${randomUUID()}`,
      topic: TOPICS.userEvents,
      partition: 0,
      offset: '0',
    });
    await publish(event);
    await expect(partnerDone).resolves.toBeUndefined();
    await waitForGroupCaughtUp(groupId, topic);

    expect(victimCodes).toEqual(['40P01']);
    expect(await count(event.data.user_id)).toBe(1);
    const { rows } = await pool.query('SELECT id, n FROM stock ORDER BY id');
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
    const dlq = await readTopic(`${prefix}${dlqTopic(TOPICS.userEvents)}`, () => true);
    expect(dlq.filter((m) => m.key === event.aggregate_id)).toEqual([]);
  });

  it('prunes marks older than the retention, and only those', async () => {
    const group = `prune-${randomUUID()}`;
    const [old, recent] = [randomUUID(), randomUUID()];
    await pool.query(
      `INSERT INTO processed_events (consumer_group, event_id, processed_at)
       VALUES ($1, $2, now() - interval '31 days'), ($1, $3, now() - interval '29 days')`,
      [group, old, recent],
    );
    await new PgInbox(pool).prune(30);
    const { rows } = await pool.query('SELECT event_id FROM processed_events WHERE consumer_group = $1', [
      group,
    ]);
    expect(rows).toEqual([{ event_id: recent }]);
  });

  it('lets the redelivery through when the first attempt rolled back', async () => {
    const event = sampleUserCreated();
    const ctx: HandlerContext = {
      group: `rollback-${randomUUID()}`,
      topic: TOPICS.userEvents,
      partition: 0,
      offset: '0',
    };
    const handle = new PgInbox(pool).handle(welcome);
    afterEffect.set(event.event_id, async () => {
      afterEffect.delete(event.event_id);
      throw crash();
    });
    await expect(handle(event, ctx)).rejects.toThrow('injected crash');
    expect(await count(event.data.user_id)).toBe(0);
    expect(await handle(event, ctx)).toBeUndefined();
    expect(await count(event.data.user_id)).toBe(1);
  });
});
