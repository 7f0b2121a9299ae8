// npm test's fuzzing step (nx run e2e:fuzz): schemathesis over user-service's own OpenAPI document, run
// against the built service as a process on the devstack servers. Any failure fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { freePort, startService, type RunningService } from '@platform/devstack';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';

/** Pinned so a run is reproducible; bump on purpose, together with fixing what the new version finds. */
const SCHEMATHESIS_VERSION = '4.32.5';
/** 30 examples per operation and a fixed seed: the same cases every run (the issue's fuzzing setup). */
const MAX_EXAMPLES = '30';
const SEED = '20261123';

const say = (line: string) => process.stdout.write(`[fuzz] ${line}\n`);
const venv = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'platform-fuzz', 'venv');
const bin = (name: string) => path.join(venv, 'bin', name);

function run(cmd: string, args: string[], opts: { quiet?: boolean; plain?: boolean } = {}): number {
  // plain: stdout through a pipe, so schemathesis prints its report without the live progress redraws
  const stdout = opts.quiet ? 'ignore' : opts.plain ? 'pipe' : 'inherit';
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', stdout, opts.quiet ? 'ignore' : 'inherit'],
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  if (opts.plain && r.stdout) process.stdout.write(r.stdout);
  return r.status ?? 1;
}

/** A virtual environment of its own under ~/.cache (never committed), with the pinned schemathesis. */
function ensureSchemathesis(): void {
  const installed = spawnSync(bin('schemathesis'), ['--version'], { encoding: 'utf8' });
  if (installed.stdout?.includes(`version ${SCHEMATHESIS_VERSION}`)) return;
  say(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  mkdirSync(path.dirname(venv), { recursive: true });
  if (!existsSync(bin('python'))) {
    if (run('python3', ['-m', 'venv', venv]) !== 0)
      throw new Error('python3 -m venv failed (is python3-venv installed?)');
  }
  const pip = [bin('python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check']] as const;
  if (run(pip[0], [...pip[1], `schemathesis==${SCHEMATHESIS_VERSION}`]) !== 0)
    throw new Error('pip install schemathesis failed');
}

/** A new tenant and its admin: each pass gets its own, so one pass's deletions cannot revoke another's token. */
async function registerAdmin(url: string, label: string): Promise<{ token: string; userId: string }> {
  const tag = `${label}-${Date.now().toString(36)}`;
  const res = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `fuzz-${tag}@example.com`,
      password: `fuzz-${tag}-secret`,
      nickname: `fuzz_${tag}`,
    }),
  });
  if (res.status !== 201) throw new Error(`registering the fuzzing admin answered ${res.status}`);
  const body = (await res.json()) as { access_token: string; user: { id: string } };
  return { token: body.access_token, userId: body.user.id };
}

/**
 * `DELETE /api/users/{own id}` revokes the caller's token, so it cannot share a run with the rest: pass 1
 * fuzzes every other operation with one admin; pass 2 fuzzes the self-delete alone with a second admin
 * (the first case deletes it, every later one must be a declared 401).
 */
const SELF_DELETE = 'DELETE /api/users/{user_id}';
const PASSES = [
  { name: 'every operation but the self-delete', filter: ['--exclude-name', SELF_DELETE] },
  { name: 'the self-delete, with a token of its own', filter: ['--include-name', SELF_DELETE] },
];

function schemathesis(url: string, admin: { token: string; userId: string }, filter: string[]): number {
  process.env.FUZZ_SELF_ID = admin.userId; // read by schemathesis.toml
  return run(
    bin('schemathesis'),
    [
      '--config-file',
      path.join(__dirname, 'schemathesis.toml'),
      'run',
      `${url}/openapi.json`,
      '--header',
      `Authorization: Bearer ${admin.token}`,
      '--checks',
      'all',
      '--max-examples',
      MAX_EXAMPLES,
      '--seed',
      SEED,
      '--no-color',
      ...filter,
    ],
    { plain: true },
  );
}

async function main(): Promise<number> {
  ensureSchemathesis();
  const db = await createTestDatabase('fuzz_user_service');
  const prefix = uniqueTopicPrefix();
  let svc: RunningService | undefined;
  try {
    svc = await startService('user-service', {
      port: await freePort(),
      instance: 'fuzz',
      env: {
        DATABASE_URL: db.url,
        KAFKA_TOPIC_PREFIX: prefix,
        LOGIN_THROTTLE_KEY_PREFIX: `${prefix}login_fail`,
        BCRYPT_ROUNDS: '10',
        LOG_LEVEL: 'warn',
      },
    });
    // both admins up front, in separate tenants: pass 1 cannot reach pass 2's admin
    const admins = [];
    for (const i of PASSES.keys()) admins.push(await registerAdmin(svc.url, `p${i + 1}`));
    let failed = 0;
    for (const [i, pass] of PASSES.entries()) {
      const admin = admins[i];
      say(`pass ${i + 1}: ${pass.name}; --checks all, ${MAX_EXAMPLES} examples per operation, seed ${SEED}`);
      const started = Date.now();
      const status = schemathesis(svc.url, admin, pass.filter);
      say(
        `pass ${i + 1} ${status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`,
      );
      if (status !== 0) failed += 1;
    }
    return failed === 0 ? 0 : 1;
  } finally {
    await svc?.stop();
    await db.drop();
  }
}

main().then(
  (status) => process.exit(status),
  (err: unknown) => {
    process.stderr.write(
      `[fuzz] ${err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err)}\n`,
    );
    process.exit(1);
  },
);
