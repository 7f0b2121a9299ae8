// bench/ingest: validated interactions per second through POST /internal/data/interactions (batches
// of 1,000, several requests at once) until they are in Parquet (the writer's manifest lists them).
// data-pipeline runs as a process (dist/apps/data-pipeline) on a database, store folder and topic prefix
// of its own. Prints rows/s of the acceptance (every request answered) and end to end, beside a baseline
// in the same run: the same records published to Kafka directly (the writer alone, no HTTP).
//   npm run bench:ingest [-- --records 200000 --batch 1000 --concurrency 8 --only http|direct]
//   npm run bench:ingest -- --read-compare   (DuckDB vs hyparquet reading one 50,000-row file)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { freePort, startService, up, type RunningService } from '@platform/devstack';
import { createTestDatabase, startUserServiceProcess, uniqueTopicPrefix } from '@platform/devstack/testing';
import { TOPICS, type InteractionRecord } from '@platform/contracts';
import { Broker, createEvent, Publisher } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { Pool } from 'pg';
import { readCompare } from './read-compare';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    'read-compare': { type: 'boolean', default: false },
    /**
     * One phase only: `http` (through the route) or `direct` (published to interactions.ingested
     * directly: the writer alone). By default both, side by side, the direct one as the baseline.
     */
    only: { type: 'string' },
  },
});
const total = Number(values.records);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
const types = ['view', 'click', 'purchase', 'like', 'add_to_cart'];
const brokers = [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'];
const logger = createLogger('bench-ingest', 'warn');
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');

function body(tenantId: string, b: number) {
  const day = `2026-11-${String(10 + (b % 5)).padStart(2, '0')}`;
  return JSON.stringify({
    tenant_id: tenantId,
    interactions: Array.from({ length: batchSize }, (_, i) => ({
      user_id: `user_${(b * 7 + i) % 5000}`,
      item_id: `item_${(b * 13 + i) % 20000}`,
      interaction_type: types[i % types.length],
      timestamp: `${day}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
      context: { device_type: i % 2 ? 'mobile' : 'desktop', session_id: `s${b}` },
    })),
  });
}

async function main() {
  if (values['read-compare']) return void process.stdout.write(`${await readCompare()}\n`);
  await up();
  const prefix = uniqueTopicPrefix();
  const users = await startUserServiceProcess(prefix);
  const db = await createTestDatabase('bench_ingest');
  const storeDir = mkdtempSync(path.join(tmpdir(), 'bench-ingest-'));
  const pool = new Pool({ connectionString: db.url, max: 1 });
  let svc: RunningService | undefined;
  try {
    svc = await startService('data-pipeline', {
      port: await freePort(),
      instance: 'bench-ingest',
      env: {
        DATABASE_URL: db.url,
        OBJECT_STORE_DIR: storeDir,
        KAFKA_TOPIC_PREFIX: prefix,
        USER_SERVICE_URL: users.url,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
    });
    // the platform's backend (order-service) is an allowed caller of the internal ingestion routes
    const auth = `Bearer ${createServiceTokens(DEV_SERVICE_TOKEN_SECRET).token('order-service', 'data-pipeline')}`;
    const batches = Math.ceil(total / batchSize);
    const publisher = new Publisher(
      new Broker({ clientId: 'bench-ingest', brokers, topicPrefix: prefix, logger }),
    );

    /** All records of a fresh tenant through `mode`, until the writer lists every one in Parquet. */
    const phase = async (mode: 'http' | 'direct') => {
      const tenantId = randomUUID();
      const bodies = Array.from({ length: batches }, (_, b) => body(tenantId, b));
      let next = 0;
      let accepted = 0;
      const direct = async (b: number) => {
        const records = (JSON.parse(bodies[b]) as { interactions: InteractionRecord[] }).interactions;
        const events = records.map((r) => {
          const interaction_id = randomUUID();
          const data = {
            ...r,
            interaction_id,
            timestamp: new Date(r.timestamp!).toISOString(),
            source: 'batch' as const,
          };
          const e = createEvent('InteractionIngested', { aggregateId: interaction_id, tenantId, data });
          return { topic: TOPICS.interactionsIngested, event: { ...e, event_id: interaction_id } };
        });
        await publisher.publish(events);
        accepted += events.length;
      };
      const viaHttp = async (b: number) => {
        const res = await fetch(`${svc!.url}/internal/data/interactions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth },
          body: bodies[b],
        });
        if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
        accepted += ((await res.json()) as { accepted: number }).accepted;
      };
      const started = performance.now();
      const worker = async () => {
        while (next < batches) await (mode === 'direct' ? direct(next++) : viaHttp(next++));
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const acceptMs = performance.now() - started;
      for (;;) {
        const { rows } = await pool.query<{ n: string }>(
          'SELECT coalesce(sum(row_count), 0) AS n FROM training_files WHERE tenant_id = $1',
          [tenantId],
        );
        if (Number(rows[0].n) >= accepted) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return { accepted, acceptMs, e2eMs: performance.now() - started };
    };

    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(
      `records ${total.toLocaleString('en')} a phase, in batches of ${batchSize}, ${concurrency} concurrent`,
    );
    const modes = values.only ? [values.only as 'http' | 'direct'] : (['http', 'direct'] as const);
    const label = {
      http: 'POST /internal/data/interactions (validate, publish acks=all)',
      direct: 'baseline: the same records published to Kafka directly',
    };
    for (const mode of modes) {
      const r = await phase(mode);
      say(
        `${label[mode].padEnd(62)} accepted ${rate(r.accepted, r.acceptMs).padStart(7)} rows/s` +
          `   in Parquet ${rate(r.accepted, r.e2eMs).padStart(7)} rows/s`,
      );
    }
    await publisher.disconnect();
    const files = await pool.query<{ n: string }>('SELECT count(*) AS n FROM training_files');
    say(`files written: ${files.rows[0].n} (before compaction)`);
  } finally {
    await svc?.stop();
    await pool.end();
    await db.drop();
    await users.stop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
