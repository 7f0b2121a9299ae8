import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOPICS } from '@platform/contracts';
import { freePort, startService, type RunningService } from '@platform/devstack';
import {
  createTestDatabase,
  eventually,
  startUserServiceProcess,
  uniqueTopicPrefix,
  type UserServiceProcess,
} from '@platform/devstack/testing';
import { Broker, Publisher } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { Pool } from 'pg';
import { LocalObjectStore } from '@platform/storage';
import {
  catalogMismatches,
  catalogRows,
  closeReader,
  interactionEvent,
  readCatalog,
} from './training-data-fixtures';

/**
 * data-pipeline as a real process (dist/apps/data-pipeline), killed with SIGKILL while accepted records
 * stream in and the writer is writing them, three times; after the last restart every accepted record
 * is in Parquet exactly once. Records count as accepted once on Kafka with acks=all, which is when
 * ingestion answers "accepted". Each restart takes about Kafka's session timeout (30 s): the consumer
 * groups wait for the killed members to time out before they rebalance.
 */
describe('training data survives kill -9 of data-pipeline', () => {
  const prefix = uniqueTopicPrefix();
  const logger = createLogger('kill-test', 'silent');
  const broker = new Broker({
    clientId: 'kill-test',
    brokers: [process.env.KAFKA_BROKERS as string],
    topicPrefix: prefix,
    logger,
  });
  const publisher = new Publisher(broker);
  const storeDir = mkdtempSync(path.join(tmpdir(), 'dp-kill-'));
  const store = new LocalObjectStore(storeDir);
  let users: UserServiceProcess;
  let db: { url: string; drop: () => Promise<void> };
  let pool: Pool;
  let svc: RunningService | undefined;

  const start = async () => {
    svc = await startService('data-pipeline', {
      port: await freePort(),
      instance: `test-${prefix.slice(0, -1)}`,
      env: {
        DATABASE_URL: db.url,
        OBJECT_STORE_DIR: storeDir,
        KAFKA_TOPIC_PREFIX: prefix,
        USER_SERVICE_URL: users.url,
        REDIS_URL: `${(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d+$/, '')}/3`,
        // small, frequent flushes: a kill lands in the middle of writing more often
        WRITER_FLUSH_MS: '50',
        WRITER_MAX_ROWS: '500',
        LOG_LEVEL: 'warn',
      },
    });
  };

  beforeAll(async () => {
    users = await startUserServiceProcess(prefix);
    db = await createTestDatabase('data_pipeline');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await start();
  });
  afterAll(async () => {
    await svc?.stop();
    await publisher.disconnect();
    await broker.disconnect();
    await pool?.end();
    await db?.drop();
    await users?.stop();
    rmSync(storeDir, { recursive: true, force: true });
    closeReader();
  });

  const listedRows = async (tenant: string) => {
    const { rows } = await pool.query<{ n: string }>(
      'SELECT coalesce(sum(row_count), 0) AS n FROM training_files WHERE tenant_id = $1',
      [tenant],
    );
    return Number(rows[0].n);
  };

  it('every accepted record is in Parquet once after three kills mid-stream', async () => {
    const tenant = randomUUID();
    const accepted: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let chunk = 0; chunk < 4; chunk++) {
        const events = Array.from({ length: 500 }, (_, i) =>
          interactionEvent(tenant, { user_id: `u${i % 50}`, timestamp: `2026-11-2${chunk}T10:00:00.000Z` }),
        );
        await publisher.publish(events.map((event) => ({ topic: TOPICS.interactionsIngested, event })));
        accepted.push(...events.map((e) => e.event_id));
      }
      // the writer is busy with the stream: some of it is written, some not
      await eventually(async () => (await listedRows(tenant)) > 0, { what: 'the first files of the stream' });
      await svc!.kill();
      await start();
    }
    await eventually(async () => (await listedRows(tenant)) >= accepted.length, {
      what: `${accepted.length} rows listed`,
      timeoutMs: 60_000,
    });
    await eventually(
      async () =>
        (await readCatalog(store, tenant))?.partitions.reduce((s, p) => s + p.row_count, 0) ===
        accepted.length,
      {
        what: 'catalog.json to list every row',
      },
    );
    const catalog = (await readCatalog(store, tenant))!;
    const ids = (await catalogRows(store, catalog)).map((r) => r.interaction_id as string);
    expect(ids).toHaveLength(accepted.length);
    expect(new Set(ids)).toEqual(new Set(accepted));
    expect(await catalogMismatches(store, catalog)).toEqual([]);
  }, 180_000);
});
