// bench/order-create: POST /api/orders (JWT, two lines, the real user check over REST with user-service)
// at 50 connections: orders/s, p50, p99. Then GET /api/items/{id} with a warm cache against a bare
// Express hello-world in the same run, with the ratio.
//   npm run bench:order-create [-- --seconds 10 --connections 50]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort, startService, up, waitFor } from '@platform/devstack';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { json } from '../http';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const duration = Number(values.seconds);
const connections = Number(values.connections);

interface Load {
  title: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

async function load({ title, ...req }: Load) {
  await autocannon({ ...req, connections, duration: 2 }); // warm-up, not reported
  const r = await autocannon({ ...req, connections, duration });
  if (r.non2xx || r.errors || r.timeouts)
    throw new Error(`${title}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { title, rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50 };
}

async function main() {
  await up();
  const logLevel = process.env.LOG_LEVEL ?? 'info';
  const db = await createTestDatabase('bench_users');
  const prefix = uniqueTopicPrefix();
  const users = await startService('user-service', {
    port: await freePort(),
    instance: 'bench-orders',
    env: { DATABASE_URL: db.url, KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: logLevel },
  });
  const orders = await startService('order-service', {
    port: await freePort(),
    instance: 'bench-orders',
    env: {
      MONGO_URL: `${process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017'}/bench_orders_${Date.now()}`,
      USER_SERVICE_URL: users.url,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: logLevel,
    },
    // e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the service under load
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  });
  const helloPort = await freePort();
  const hello = spawn(process.execPath, [path.join(__dirname, '../user-read/hello-world.js')], {
    env: { ...process.env, PORT: String(helloPort) },
    stdio: 'inherit',
  });
  try {
    const { access_token: token, user } = await json<{ access_token: string; user: { id: string } }>(
      `${users.url}/api/v1/auth/register`,
      { method: 'POST', body: { email: `bench-${Date.now()}@example.com`, password: 'password123' } },
    );
    const item = (title: string, price: number) =>
      json<{ item_id: string }>(`${orders.url}/api/items`, {
        method: 'POST',
        token,
        body: {
          title,
          description: 'bench',
          category: 'bench',
          tags: [],
          price,
          currency: 'USD',
          stock: 1e9,
        },
      });
    const [a, b] = [await item('Bench A', 19.99), await item('Bench B', 5.5)];
    await json(`${orders.url}/api/items/${a.item_id}`, { token }); // fills item:{id}
    await waitFor('hello-world', async () => (await fetch(`http://127.0.0.1:${helloPort}/hello`)).ok);

    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const create = await load({
      title: 'POST /api/orders (JWT, 2 lines)',
      url: `${orders.url}/api/orders`,
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        userId: user.id,
        items: [
          { productId: a.item_id, quantity: 1 },
          { productId: b.item_id, quantity: 2 },
        ],
      }),
    });
    const base = await load({ title: 'express hello-world', url: `http://127.0.0.1:${helloPort}/hello` });
    const read = await load({
      title: 'GET /api/items/{id} (JWT, warm cache)',
      url: `${orders.url}/api/items/${a.item_id}`,
      headers: auth,
    });
    const line = (r: typeof base) =>
      `${r.title.padEnd(40)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms`;
    process.stdout.write(`\n${connections} connections, ${duration} s each, LOG_LEVEL=${logLevel}\n`);
    process.stdout.write(`${line(create)}\n${line(base)}\n${line(read)}\n`);
    process.stdout.write(`ratio (item read / hello-world): ${(read.rps / base.rps).toFixed(2)}\n`);
    process.stdout.write(
      `\nwhere the time went in MongoDB (FerretDB), whole run:\n${await mongoTime(orders.url)}`,
    );
  } finally {
    hello.kill();
    await orders.stop();
    await users.stop();
    await db.drop();
  }
}

/** order-service's `mongo_operations_duration_seconds`, summed per operation and collection, largest first. */
async function mongoTime(url: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const rows = new Map<string, { sum: number; count: number }>();
  for (const m of text.matchAll(/^mongo_operations_duration_seconds_(sum|count)\{([^}]*)\} (\S+)$/gm)) {
    const labels = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const key = `${labels.operation} ${labels.collection}`;
    const row = rows.get(key) ?? { sum: 0, count: 0 };
    row[m[1] as 'sum' | 'count'] += Number(m[3]);
    rows.set(key, row);
  }
  return [...rows]
    .sort((a, b) => b[1].sum - a[1].sum)
    .slice(0, 8)
    .map(
      ([k, r]) =>
        `  ${k.padEnd(36)} ${String(r.count).padStart(7)} ops  ${r.sum.toFixed(1).padStart(7)} s  ${((r.sum / r.count) * 1000).toFixed(1).padStart(6)} ms/op\n`,
    )
    .join('');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
