// bench/recs-serve: POST /api/v1/recommendations of ml-engine (its own process, from source) over one tenant
// with --items (100,000) items of dimension 128 and a trained space (a hand-made clustered model of
// --users users, registered through models/ as a training job would; the setup runs as
// apps/ml-engine/test/bench/recs-serve-setup.ts, since bench/ may not import ml-engine's code): throughput, p50 and p99 at
// --connections (50) for --seconds (15), answers computed every time (cache TTL 1 ms) and with the
// answer cache (default TTL); and recall@10 of the HNSW index against an exact scan.
//   npm run bench:recs-serve [-- --items 100000 --users 20000 --seconds 15 --connections 50]
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { freePort, up, waitFor } from '@platform/devstack';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    users: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    queries: { type: 'string', default: '200' },
    'training-rows': { type: 'string', default: '300000' },
    'training-epochs': { type: 'string', default: '30' },
  },
});
const users = Number(values.users);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const repoRoot = path.join(__dirname, '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Setup {
  env: Record<string, string>;
  key: string;
  tenantId: string;
  trainingDataSeconds: number;
  version: string;
  insertSeconds: number;
  registerSeconds: number;
  recall: { recall: number; meanSearchMs: number; indexSize: number };
  hnsw: { M: number; ef_add: number; ef_search: number };
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** The setup process: its one JSON line once the data is in; it keeps the data until stopped. */
async function startSetup() {
  const child = spawn(
    tsx,
    [
      '--tsconfig',
      'tsconfig.base.json',
      'apps/ml-engine/test/bench/recs-serve-setup.ts',
      ...['--items', values.items!, '--users', values.users!, '--queries', values.queries!],
      ...['--training-rows', values['training-rows']!],
    ],
    { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const setup = await new Promise<Setup>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as Setup));
    child.once('exit', (code) => reject(new Error(`the setup exited with ${code}`)));
  });
  return { setup, stop: () => stopChild(child) };
}

/** ml-engine from source (tsx) on the setup's data, stopped with SIGTERM. */
async function startMlEngine(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(tsx, ['--tsconfig', 'tsconfig.base.json', 'apps/ml-engine/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // RECS_SERVE_PROFILE=dir: a CPU profile of the serving process, written there at its stop
      ...(process.env.RECS_SERVE_PROFILE
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.RECS_SERVE_PROFILE}` }
        : {}),
      // the bench measures serving, not the tenant's rate limit
      RATE_LIMIT_PER_MINUTE: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'ml-engine',
    async () => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) })).ok,
    {
      timeoutMs: 120_000,
      failed: () => (child.exitCode !== null ? `exited with ${child.exitCode}` : undefined),
    },
  );
  return { url, stop: () => stopChild(child) };
}

/** bench/user-read's bare Express hello-world, as a process of its own. */
async function startHelloWorld() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, '../user-read/hello-world.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('hello-world', async () => (await fetch(`${url}/hello`)).ok);
  return { url, stop: () => stopChild(child) };
}

/** One answer first: the space's load from its snapshot, and a check that the bench's answers are real. */
async function firstAnswer(title: string, url: string, key: string) {
  const t0 = performance.now();
  const first = await fetch(`${url}/api/v1/recommendations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: 'user-1', count: 10 }),
  });
  const body = (await first.json()) as { recommendations?: unknown[]; metadata?: unknown };
  if (!first.ok || body.recommendations?.length !== 10)
    throw new Error(`first answer ${first.status}: ${JSON.stringify(body)}`);
  say(
    `${title}: first answer (space loaded) in ${(performance.now() - t0).toFixed(0)} ms, ${JSON.stringify(body.metadata)}`,
  );
}

/** A matrix-factorisation job on the setup's training data, once it is running (a worker thread). */
async function startTraining(url: string, tenantId: string) {
  const auth = `Bearer ${createServiceTokens(DEV_SERVICE_TOKEN_SECRET).token('data-pipeline', 'ml-engine')}`;
  const headers = { authorization: auth, 'content-type': 'application/json', 'x-tenant-id': tenantId };
  const res = await fetch(`${url}/internal/ml/training/trigger`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      tenant_id: tenantId,
      training_config: {
        model_type: 'matrix_factorization',
        hyperparameters: { epochs: Number(values['training-epochs']), embedding_dim: 64 },
      },
    }),
  });
  if (!res.ok) throw new Error(`training trigger ${res.status}: ${await res.text()}`);
  const { job_id } = (await res.json()) as { job_id: string };
  const state = async () => {
    const r = await fetch(`${url}/internal/ml/training/jobs/${job_id}`, { headers });
    const j = (await r.json()) as { status: string; progress: number; error: string | null };
    return `${j.status} (progress ${j.progress.toFixed(2)}${j.error ? `, ${j.error}` : ''})`;
  };
  await waitFor('the training job to run', async () => (await state()).startsWith('running'), {
    timeoutMs: 120_000,
  });
  return { state };
}

async function measure(title: string, url: string, key: string, recommendations = true) {
  // a seeded LCG: the same users in the same order every run
  let seed = 11;
  const rnd = { uniform: () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 };
  const recs: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/recommendations',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    setupRequest: (req) => ({
      ...req,
      body: JSON.stringify({ user_id: `user-${Math.floor(rnd.uniform() * users)}`, count: 10 }),
    }),
  };
  const opts: autocannon.Options = {
    url,
    connections,
    requests: [recommendations ? recs : { method: 'GET', path: '/hello' }],
  };
  await autocannon({ ...opts, duration: 3 }); // warm-up (the space's first load), not reported
  const r = await autocannon({ ...opts, duration: seconds });
  if (r.non2xx || r.errors || r.timeouts)
    throw new Error(`${title}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { title, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}
const row = (r: { title: string; rps: number; p50: number; p99: number }) =>
  `| ${r.title.padEnd(40)} | ${r.rps.toFixed(0).padStart(7)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} |`;

async function main() {
  Object.assign(process.env, await up({ quiet: true }));
  const started = performance.now();
  const { setup, stop } = await startSetup();
  try {
    say(
      `setup: ${values.items} items through the catalog in ${setup.insertSeconds} s; ${setup.version} registered (${users} users, dimension 128) in ${setup.registerSeconds} s; ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
    );
    const { hnsw, recall } = setup;
    say(
      `HNSW M=${hnsw.M} ef_add=${hnsw.ef_add} ef_search=${hnsw.ef_search}, ${recall.indexSize} items: recall@10 ${recall.recall.toFixed(3)} against an exact scan over ${values.queries} users (goal ≥ 0.95), mean search ${recall.meanSearchMs.toFixed(3)} ms in-process`,
    );
    const results = [];
    const runs = [
      { title: 'computed every time (cache TTL 1 ms)', ttl: '1', training: false },
      { title: 'with the answer cache (TTL 30 s)', ttl: '30000', training: false },
      { title: 'computed every time, a training job running', ttl: '1', training: true },
    ];
    for (const run of runs) {
      const ml = await startMlEngine({ ...setup.env, RECS_CACHE_TTL_MS: run.ttl });
      try {
        await firstAnswer(run.title, ml.url, setup.key);
        const job = run.training ? await startTraining(ml.url, setup.tenantId) : undefined;
        results.push(await measure(run.title, ml.url, setup.key));
        if (job) say(`${run.title}: after the run the job is ${await job.state()}`);
      } finally {
        await ml.stop();
      }
    }
    // the baseline, same connections and seconds, same run: the least an Express app does per request
    const hello = await startHelloWorld();
    try {
      results.push(await measure('baseline: express hello-world (GET)', hello.url, setup.key, false));
    } finally {
      await hello.stop();
    }
    say(
      `\nPOST /api/v1/recommendations, ${connections} connections, ${seconds} s, ${users} users at random, count 10`,
    );
    say(`| ${'run'.padEnd(40)} |   req/s | p50 ms | p99 ms |`);
    say(`|${'-'.repeat(42)}|---------|--------|--------|`);
    for (const r of results) say(row(r));
    say('goal: p99 ≤ 10 ms');
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
