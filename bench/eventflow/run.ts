// bench/eventflow: EventFlow (seed 004) in data-pipeline, run from source as its own process.
//  1. POST /api/v1/events with a producer key at --connections (32) for --seconds: accepted events/s
//     (each one on Kafka with acks=all before its 202), p50, p99; beside a bare Express hello-world at
//     the same connections in the same run (the baseline).
//  2. Bulk-loads --rows (1,000,000) events with generate_series into the bench's own database (setup,
//     not measured), then GET /api/v1/events p50/p99 for several filter combinations, each with the
//     EXPLAIN (ANALYZE, BUFFERS) summary of its query on those rows.
//   npm run bench:eventflow [-- --seconds 10 --connections 32 --rows 1000000]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort, up, waitFor } from '@platform/devstack';
import {
  createTestDatabase,
  shopAccounts,
  startUserServiceProcess,
  uniqueTopicPrefix,
} from '@platform/devstack/testing';
import { Pool } from 'pg';
import { json } from '../http';
import { bulkLoad, explainQueries } from './bulk-load';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    rows: { type: 'string', default: '1000000' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rows = Number(values.rows);
const repoRoot = path.join(__dirname, '../..');

async function measure(title: string, req: autocannon.Options, conns: number, duration: number) {
  await autocannon({ ...req, connections: conns, duration: 2 }); // warm-up, not reported
  const r = await autocannon({ ...req, connections: conns, duration });
  if (r.non2xx || r.errors || r.timeouts)
    throw new Error(`${title}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { title, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}
const row = (r: { title: string; rps: number; p50: number; p99: number }) =>
  `${r.title.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms`;

/** data-pipeline from source (tsx), so the bench needs no build; stopped with SIGTERM at the end. */
async function startDataPipeline(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'apps/data-pipeline/src/main.ts'],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'data-pipeline',
    async () => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) })).ok,
    {
      timeoutMs: 120_000,
      failed: () => (child.exitCode !== null ? `exited with ${child.exitCode}` : undefined),
    },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop };
}

/** bench/user-read's bare Express hello-world, as a process of its own. */
async function startHelloWorld() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, '../user-read/hello-world.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}/hello`;
  await waitFor('hello-world', async () => (await fetch(url)).ok);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main() {
  Object.assign(process.env, await up({ quiet: true }));
  const prefix = uniqueTopicPrefix();
  const users = await startUserServiceProcess(prefix);
  const db = await createTestDatabase('bench_eventflow');
  const storeDir = mkdtempSync(path.join(tmpdir(), 'bench-eventflow-'));
  const redisBase = (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d+$/, '');
  const pool = new Pool({ connectionString: db.url, max: 2 });
  pool.on('error', () => undefined);
  const dp = await startDataPipeline({
    DATABASE_URL: db.url,
    REDIS_URL: `${redisBase}/3`,
    OBJECT_STORE_DIR: storeDir,
    USER_SERVICE_URL: users.url,
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    // the bench measures EventFlow, not the tenant's rate limit or quota
    RATE_LIMIT_PER_MINUTE: '1000000000',
    QUOTA_STARTER: '1000000000',
  });
  try {
    const shop = await shopAccounts(users.url).newShop();
    const producer = await json<{ producer_id: string; api_key: string }>(`${dp.url}/api/v1/producers`, {
      method: 'POST',
      token: shop.token,
      body: { name: 'bench', description: 'bench/eventflow' },
    });
    process.stdout.write(`\nPOST /api/v1/events: ${connections} connections, ${seconds} s\n`);
    const post = await measure(
      'POST /api/v1/events (acks=all before 202)',
      {
        url: `${dp.url}/api/v1/events`,
        method: 'POST',
        headers: { authorization: `Bearer ${producer.api_key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          event_type: 'order.placed',
          event_version: 1,
          payload: { order: 'o-1', total: 4200 },
        }),
      },
      connections,
      seconds,
    );
    process.stdout.write(`${row(post)}\n`);
    // the baseline, same connections and seconds, same run: the least an Express app does per request
    const hello = await startHelloWorld();
    try {
      const base = await measure('baseline: express hello-world', { url: hello.url }, connections, seconds);
      process.stdout.write(`${row(base)}\n`);
      process.stdout.write(
        `POST /api/v1/events runs at ${((100 * post.rps) / base.rps).toFixed(1)} % of the baseline\n`,
      );
    } finally {
      await hello.stop();
    }

    const started = Date.now();
    const loaded = await bulkLoad(pool, { rows, tenantId: shop.tenantId, producerId: producer.producer_id });
    process.stdout.write(
      `\nbulk-loaded ${rows} events (${loaded.tenantRows} of this tenant, the rest of 3 others) in ${((Date.now() - started) / 1000).toFixed(0)} s (setup)\n`,
    );
    const auth = { authorization: `Bearer ${shop.token}` };
    const q = (query: Record<string, string>) => `${dp.url}/api/v1/events?${new URLSearchParams(query)}`;
    const firstPage = await json<{ next?: string }>(q({ limit: '100' }), { token: shop.token });
    const combos: [string, Record<string, string>][] = [
      ['no filter, limit 100', { limit: '100' }],
      ['second page (cursor), limit 100', { limit: '100', cursor: firstPage.next ?? '' }],
      ['event_type, limit 100', { event_type: 'type.8', limit: '100' }],
      ['producer_id, limit 100', { producer_id: loaded.otherProducer, limit: '100' }],
      [
        'event_type + producer_id, limit 100',
        { event_type: 'type.8', producer_id: producer.producer_id, limit: '100' },
      ],
      ['from/to (one hour), limit 100', { from: loaded.hourFrom, to: loaded.hourTo, limit: '100' }],
      ['rare event_type, limit 1000', { event_type: 'rare', limit: '1000' }],
    ];
    process.stdout.write(`\nGET /api/v1/events over ${rows} stored events: 4 connections, 5 s each\n`);
    for (const [title, query] of combos) {
      process.stdout.write(`${row(await measure(title, { url: q(query), headers: auth }, 4, 5))}\n`);
    }
    // a consumer that never commits fetches the same first page from the earliest of the tenant's events
    for (const types of [['type.8'], ['type.8', 'type.9', 'rare']]) {
      const consumer = await json<{ consumer_id: string }>(`${dp.url}/api/v1/consumers`, {
        method: 'POST',
        token: shop.token,
        body: { name: 'bench', subscribed_event_types: types, start: 'earliest' },
      });
      const url = `${dp.url}/api/v1/consumers/${consumer.consumer_id}/events?limit=100`;
      const title = `consumer, earliest, ${types.length} type(s), limit 100`;
      process.stdout.write(`${row(await measure(title, { url, headers: auth }, 4, 5))}\n`);
    }
    process.stdout.write(
      '\nEXPLAIN (ANALYZE, BUFFERS) of the page queries (the plan root, execution time):\n',
    );
    for (const line of await explainQueries(pool, shop.tenantId, loaded)) process.stdout.write(`${line}\n`);
  } finally {
    await dp.stop();
    await pool.end();
    await users.stop();
    await db.drop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
