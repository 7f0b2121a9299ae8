import { spawn, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { logFile, pidFile } from './paths';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readPid(name: string): number | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Starts a long-running server detached from this process, output to its log, pid to its pid file. */
export function spawnServer(
  name: string,
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {},
): number {
  mkdirSync(path.dirname(logFile(name)), { recursive: true });
  mkdirSync(path.dirname(pidFile(name)), { recursive: true });
  const out = openSync(logFile(name), 'a');
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    uid: opts.uid,
    gid: opts.gid,
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  if (!child.pid) throw new Error(`could not start ${name} (${command})`);
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  return child.pid;
}

/** Stops what devstack started under `name`: `signal`, then SIGKILL after `graceMs`. */
export async function stopServer(
  name: string,
  graceMs = 15_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<boolean> {
  const pid = readPid(name);
  if (pid === undefined) return false;
  if (isAlive(pid)) {
    process.kill(pid, signal);
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile(name), { force: true });
  return true;
}

export function commandExists(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a command to completion and resolves with its stdout. Its stderr is kept and, when it fails, the
 * end of it becomes the error (Debian's mvn writes colour codes there even with -q). It does not block
 * the event loop: during a long apt-get, mvn or go build the progress lines keep coming and devstack's
 * lock file stays fresh.
 */
export function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err = (err + chunk).slice(-8000)));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(out);
      const tail = err.trim().split('\n').slice(-20).join('\n');
      reject(
        new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}${tail ? `:\n${tail}` : ''}`),
      );
    });
  });
}
