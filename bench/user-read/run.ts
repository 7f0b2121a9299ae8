// bench/user-read: GET /api/users/{id} with a valid JWT and a warm cache, against a bare Express
// hello-world on the same machine in the same run. Prints both throughputs, p99 latencies and the ratio.
//   npm run bench:user-read [-- --seconds 10 --connections 50]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort, startService, up, waitFor } from '@platform/devstack';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const duration = Number(values.seconds);
const connections = Number(values.connections);

async function load(title: string, url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up, not reported
  const r = await autocannon({ url, connections, duration, headers });
  if (r.non2xx || r.errors) throw new Error(`${title}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { title, rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50 };
}

async function main() {
  await up();
  const db = await createTestDatabase('bench_users');
  const users = await startService('user-service', {
    port: await freePort(),
    instance: 'bench',
    env: {
      DATABASE_URL: db.url,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    // e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the service under load
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  });
  const helloPort = await freePort();
  const hello = spawn(process.execPath, [path.join(__dirname, 'hello-world.js')], {
    env: { ...process.env, PORT: String(helloPort) },
    stdio: 'inherit',
  });
  try {
    const reg = await fetch(`${users.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'password123' }),
    });
    const { access_token, user } = (await reg.json()) as { access_token: string; user: { id: string } };
    const headers = { authorization: `Bearer ${access_token}` };
    await fetch(`${users.url}/api/users/${user.id}`, { headers }); // fills user:{id}
    await waitFor('hello-world', async () => (await fetch(`http://127.0.0.1:${helloPort}/hello`)).ok);

    const base = await load('express hello-world', `http://127.0.0.1:${helloPort}/hello`);
    const read = await load(
      'GET /api/users/{id} (JWT, warm cache)',
      `${users.url}/api/users/${user.id}`,
      headers,
    );
    const line = (r: typeof base) =>
      `${r.title.padEnd(40)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms`;
    process.stdout.write(
      `\n${connections} connections, ${duration} s each, LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}\n`,
    );
    process.stdout.write(`${line(base)}\n${line(read)}\n`);
    process.stdout.write(`ratio (user read / hello-world): ${(read.rps / base.rps).toFixed(2)}\n`);
  } finally {
    hello.kill();
    await users.stop();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
