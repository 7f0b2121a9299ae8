// Installs the pinned schemathesis into a virtual environment of its own and runs one pass of it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** Pinned so a run is reproducible; bump on purpose, together with fixing what the new version finds. */
const SCHEMATHESIS_VERSION = '4.32.5';
const venv = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'platform-fuzz', 'venv');
const bin = (name: string) => path.join(venv, 'bin', name);

export const say = (line: string) => process.stdout.write(`[fuzz] ${line}\n`);

function runQuietly(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** A virtual environment under ~/.cache (never committed) with the pinned schemathesis. */
export function ensureSchemathesis(): void {
  const installed = spawnSync(bin('schemathesis'), ['--version'], { encoding: 'utf8' });
  if (installed.stdout?.includes(`version ${SCHEMATHESIS_VERSION}`)) return;
  say(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  mkdirSync(path.dirname(venv), { recursive: true });
  if (!existsSync(bin('python')) && runQuietly('python3', ['-m', 'venv', venv]) !== 0)
    throw new Error('python3 -m venv failed (is python3-venv installed?)');
  const pip = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check'];
  if (runQuietly(bin('python'), [...pip, `schemathesis==${SCHEMATHESIS_VERSION}`]) !== 0)
    throw new Error('pip install schemathesis failed');
}

export interface Pass {
  /** The committed document, fuzzed against `url`. */
  document: string;
  url: string;
  config: string;
  /** The variables the config file reads (credentials, pinned ids). */
  env: Record<string, string>;
  /** More arguments of `schemathesis run`: operation filters (`--include-name …`), `--exclude-checks …`. */
  filter?: string[];
  maxExamples: number;
  seed: string;
}

/** Runs one pass to its end; its output (progress redraws stripped by the caller) and exit status. */
export function runPass(pass: Pass): Promise<{ status: number; output: string }> {
  const args = [
    ...['--config-file', pass.config, 'run', pass.document, '--url', pass.url],
    ...['--checks', 'all', '--max-examples', String(pass.maxExamples), '--seed', pass.seed],
    ...['--no-color', ...(pass.filter ?? [])],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(bin('schemathesis'), args, {
      env: { ...process.env, ...pass.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
}
