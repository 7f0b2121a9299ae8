import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, RedisServer } from '../src';
import { repoRoot } from '../src/paths';
import { type Server } from '../src/servers/server';
import { ensureRunning, stack } from '../src/stack';

const exec = promisify(execFile);

describe('devstack progress', () => {
  it('says it is starting a server, then where it is ready; on the next run that it is already up', async () => {
    const name = `redis-progress-${randomBytes(3).toString('hex')}`;
    const redis = new RedisServer(name, await freePort());
    const lines: string[] = [];
    try {
      await ensureRunning(redis, { report: (m) => lines.push(m) });
      await ensureRunning(redis, { report: (m) => lines.push(m) });
      await ensureRunning(redis, { report: (m) => lines.push(m), quiet: true });
    } finally {
      await redis.stop();
      rmSync(redis.dir, { recursive: true, force: true });
    }
    expect(lines).toEqual([
      `starting ${name} …`,
      expect.stringMatching(
        new RegExp(`^${name} ready on 127\\.0\\.0\\.1:${redis.port} in \\d+(\\.\\d)? s$`),
      ),
      `${name} already up on 127.0.0.1:${redis.port}`,
    ]);
  });

  it('replaces a server left running from another build: builds first, then stops and starts it', async () => {
    const calls: string[] = [];
    let outdated: string | undefined = 'it runs /cache/ferretdb-v1.24.2/ferretdb';
    const server: Server = {
      name: 'fake-ferretdb',
      port: 1,
      dir: '/nonexistent',
      install: async () => void calls.push('install'),
      stop: async () => void calls.push('stop'),
      start: async () => {
        calls.push('start');
        outdated = undefined;
      },
      ready: async () => true,
      outdated: () => outdated,
      env: () => ({}),
    };
    const lines: string[] = [];
    await ensureRunning(server, { report: (m) => lines.push(m) });
    expect(calls).toEqual(['install', 'stop', 'start']);
    expect(lines[0]).toBe('fake-ferretdb is replaced: it runs /cache/ferretdb-v1.24.2/ferretdb');

    calls.length = 0;
    await ensureRunning(server, { report: () => undefined });
    expect(calls).toEqual([]); // idempotent once replaced
  });

  it('`devstack up` prints progress on stderr and only the env lines on stdout (scripts/test.sh drops those)', async () => {
    const { stdout, stderr } = await exec(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tsconfig.base.json', 'libs/devstack/src/cli.ts', 'up'],
      { cwd: repoRoot },
    );
    const out = stdout.trim().split('\n');
    // names may hold digits (S3_ENDPOINT)
    expect(out.filter((l) => !/^[A-Z][A-Z0-9_]*=\S+$/.test(l))).toEqual([]);
    expect(out).toContain(`MONGO_URL=${stack.ferretdb.url()}`);
    const err = stderr.trim().split('\n');
    expect(err.filter((l) => !l.startsWith('[devstack] '))).toEqual([]);
    for (const server of ['postgres', 'redis', 'kafka', 'ferretdb', 'smtp'])
      expect(err.some((l) => l.startsWith(`[devstack] ${server} `))).toBe(true);
  });
});
