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

/** Runs a command to completion, inheriting stderr so a long install shows its progress. */
export function run(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return execFileSync(command, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
}
