// bench/outbox: commits N events into a PostgreSQL outbox, starts the relay and times them until all
// are on Kafka (the topic's end offsets reach N), beside a raw idempotent producer sending the same
// events with acks=all, in batches of the same size, in the same run. Prints both rates and the ratio.
//   npm run bench:outbox [-- --events 20000 --batch 1000 --rounds 3]
// The machine is shared: rounds vary, so the median ratio is printed last.
import { parseArgs } from 'node:util';
import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { up } from '@platform/devstack';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { Broker, PG_OUTBOX_DDL, PgOutboxRelay, Publisher, createEvent } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    aggregates: { type: 'string', default: '1000' },
  },
});
const count = Number(values.events);
const batchSize = Number(values.batch);
const logger = createLogger('bench-outbox', (process.env.LOG_LEVEL as 'info') ?? 'warn');

function makeEvents(): EventEnvelope[] {
  const ids = Array.from({ length: Number(values.aggregates) }, () => randomUUID());
  return Array.from({ length: count }, (_, i) => {
    const id = ids[i % ids.length];
    return createEvent('UserCreated', {
      aggregateId: id,
      data: {
        user_id: id,
        email: `u${i}@example.com`,
        username: `user_${i}`,
        created_at: new Date().toISOString(),
      },
    });
  });
}

/** Resolves when the topic's end offsets add up to `count`; the rate counts until then. */
async function untilPublished(broker: Broker, topic: string, count: number) {
  const admin = await broker.getAdmin();
  for (;;) {
    const ends = await admin.fetchTopicOffsets(broker.topic(topic));
    if (ends.reduce((n, p) => n + Number(p.high), 0) >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function raw(events: EventEnvelope[]): Promise<number> {
  const broker = newBroker();
  await broker.ensureTopics([TOPICS.userEvents]);
  const producer = broker.createProducer({
    idempotent: true,
    maxInFlightRequests: 5,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < events.length; i += batchSize) {
      await producer.send({
        topic: broker.topic(TOPICS.userEvents),
        acks: -1,
        messages: events.slice(i, i + batchSize).map((e) => ({
          key: e.aggregate_id,
          value: JSON.stringify(e),
          headers: { event_type: e.event_type },
        })),
      });
    }
    await untilPublished(broker, TOPICS.userEvents, events.length);
    return seconds(started);
  } finally {
    await producer.disconnect();
    await broker.disconnect();
  }
}

async function relayed(events: EventEnvelope[]): Promise<number> {
  const db = await createTestDatabase('bench_outbox');
  const pool = new Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => undefined); // idle connections closed by the database's drop
  const broker = newBroker();
  const publisher = new Publisher(broker);
  try {
    await pool.query(PG_OUTBOX_DDL);
    await broker.ensureTopics([TOPICS.userEvents]);
    await publisher.connect();
    // committed before the clock starts (as a backlog after an outage): one multi-row INSERT per 2,000
    for (let i = 0; i < events.length; i += 2000) {
      const chunk = events.slice(i, i + 2000);
      await pool.query(
        `INSERT INTO outbox (event_id, topic, message_key, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
        [
          chunk.map((e) => e.event_id),
          chunk.map(() => TOPICS.userEvents),
          chunk.map((e) => e.aggregate_id),
          chunk.map((e) => JSON.stringify(e)),
        ],
      );
    }
    await pool.query('VACUUM ANALYZE outbox');
    const relay = new PgOutboxRelay({ pool, publisher, logger, batchSize, idleMs: 20 });
    const started = process.hrtime.bigint();
    relay.start();
    await untilPublished(broker, TOPICS.userEvents, events.length);
    const took = seconds(started);
    await relay.stop();
    return took;
  } finally {
    await publisher.disconnect();
    await broker.disconnect();
    await pool.end();
    await db.drop();
  }
}

const newBroker = () =>
  new Broker({
    clientId: 'bench-outbox',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    topicPrefix: uniqueTopicPrefix(),
    logger,
  });
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function main() {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'; // the raw producer uses the default, as the Publisher does
  Object.assign(process.env, await up({ quiet: true }));
  const line = (title: string, s: number) =>
    `${title.padEnd(46)} ${(count / s).toFixed(0).padStart(8)} events/s   (${s.toFixed(2)} s)`;
  process.stdout.write(`\n${count} events, ${values.aggregates} aggregates, batches of ${batchSize}\n`);
  // a short unreported round first: connections, JIT and the broker's page cache warm up for both
  const warmup = makeEvents().slice(0, 2000);
  await raw(warmup);
  await relayed(warmup);
  const ratios: number[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    const events = makeEvents();
    const r = await raw(events);
    const o = await relayed(events);
    process.stdout.write(`${line('raw idempotent producer, acks=all', r)}\n`);
    process.stdout.write(`${line('PostgreSQL outbox relay (ordered, one active)', o)}\n`);
    process.stdout.write(`ratio (outbox / raw): ${(r / o).toFixed(2)}\n`);
    ratios.push(r / o);
  }
  const median = ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
  process.stdout.write(`median ratio over ${ratios.length} round(s): ${median.toFixed(2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
