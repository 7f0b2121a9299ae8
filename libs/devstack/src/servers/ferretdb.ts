import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { step } from '../log';
import { cacheDir, dataDir, repoRoot } from '../paths';
import { commandExists, isAlive, readPid, run, spawnServer, stopServer } from '../process';
import { type Server } from './server';

const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Makes conditional single-document writes atomic, as on MongoDB (libs/devstack/README.md, "FerretDB"). */
export const FERRETDB_PATCH = path.join(repoRoot, 'libs/devstack/ferretdb/serialize-writes.patch');

/**
 * The build is cached by FerretDB version and patch contents: a changed patch builds a new binary, and
 * a binary built without it (or with an older one) is never used again.
 */
export function ferretDbBinary(patch = FERRETDB_PATCH): string {
  const hash = createHash('sha256').update(readFileSync(patch)).digest('hex').slice(0, 12);
  return path.join(cacheDir, `ferretdb-${FERRETDB_VERSION}-${hash}`, 'ferretdb');
}

/**
 * Where FerretDB keeps its SQLite files (one per database), committing with `synchronous=NORMAL`:
 * in WAL mode (FerretDB's) a commit is written to the WAL file but flushed to disk only at checkpoints.
 * SQLite keeps such a commit when FerretDB dies, even by `kill -9`, but not when the machine loses
 * power, and that is enough for a development stack. With FULL (SQLite's default) each commit waited for an fsync while
 * it held the database's one writer (the atomicity patch), and bench:soak at 100 requests/s queued
 * order-service's writes until it fell over in minute 4; with NORMAL it ran with no error.
 */
export const sqliteUrl = (dir: string): string =>
  `file:${path.join(dir, 'sqlite')}/?_pragma=synchronous(NORMAL)`;

/** FerretDB 1.24 with its SQLite backend: the MongoDB wire protocol, built from the Go module proxy. */
export class FerretDbServer implements Server {
  constructor(
    readonly name = 'ferretdb',
    readonly port = 27017,
    readonly dir = dataDir(name),
    /** The patch it is built with (tests give another to see a running build reported outdated). */
    readonly patch = FERRETDB_PATCH,
  ) {}

  async install(): Promise<void> {
    const binary = ferretDbBinary(this.patch);
    if (existsSync(binary)) return;
    if (!commandExists('go')) throw new Error('FerretDB is built from source and needs Go 1.22+ on PATH');
    await buildFerretDb(binary, this.patch);
  }

  /** Why the running FerretDB must be replaced: devstack started it from another build (an older patch). */
  outdated(): string | undefined {
    const pid = readPid(this.name);
    if (pid === undefined || !isAlive(pid)) return undefined;
    let exe: string;
    try {
      exe = readlinkSync(`/proc/${pid}/exe`); // Linux; elsewhere the running server is kept
    } catch {
      return undefined;
    }
    const want = ferretDbBinary(this.patch);
    return exe === want ? undefined : `it runs ${exe}, not ${want}`;
  }

  async start(): Promise<void> {
    mkdirSync(path.join(this.dir, 'sqlite'), { recursive: true });
    mkdirSync(path.join(this.dir, 'state'), { recursive: true });
    spawnServer(this.name, ferretDbBinary(this.patch), [
      '--handler=sqlite',
      `--sqlite-url=${sqliteUrl(this.dir)}`,
      `--listen-addr=127.0.0.1:${this.port}`,
      `--state-dir=${path.join(this.dir, 'state')}`,
      `--debug-addr=${this.debugAddr() ?? '-'}`,
      '--telemetry=disable',
      // DEVSTACK_FERRETDB_LOG_LEVEL=info logs each connection's start and stop (to see who closed one)
      `--log-level=${process.env.DEVSTACK_FERRETDB_LOG_LEVEL ?? 'warn'}`,
    ]);
  }

  /**
   * Where it serves its Prometheus metrics and Go pprof (a goroutine dump), if asked:
   * DEVSTACK_FERRETDB_DEBUG_ADDR for the shared one, DEVSTACK_PRIVATE_FERRETDB_DEBUG_ADDR for a test's or a
   * bench's own (startPrivateServer). One variable for both made a private one fail to bind the shared
   * one's address, and it never became ready.
   */
  debugAddr(): string | undefined {
    const shared = this.name === 'ferretdb';
    return process.env[shared ? 'DEVSTACK_FERRETDB_DEBUG_ADDR' : 'DEVSTACK_PRIVATE_FERRETDB_DEBUG_ADDR'];
  }

  async ready(): Promise<boolean> {
    const conn = mongoose.createConnection(this.url(), { serverSelectionTimeoutMS: 1000 });
    try {
      await conn.asPromise();
      const res = await conn.db?.admin().ping();
      return res?.ok === 1;
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    await stopServer(this.name);
  }

  url(): string {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return { MONGO_URL: this.url() };
  }
}

/**
 * `go install …@v1.24.2` cannot be used here: it asks the proxy for the module's version list, which
 * the proxy refuses for this module. So: download that exact version, copy it out of the read-only
 * module cache, apply the patch, add the version file FerretDB's release build generates, and build it.
 */
async function buildFerretDb(binary: string, patch: string): Promise<void> {
  const info = await step(`downloading FerretDB ${FERRETDB_VERSION} from the Go module proxy`, () =>
    run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`]).then(JSON.parse),
  );
  const src = mkdtempSync(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(info.Dir, src, { recursive: true });
    await run('chmod', ['-R', 'u+w', src]);
    await applyPatch(patch, src);
    writeFileSync(path.join(src, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
    mkdirSync(path.dirname(binary), { recursive: true });
    // built beside its final name and renamed: an interrupted build never looks finished
    const partial = `${binary}.${process.pid}.partial`;
    await step(`building FerretDB ${FERRETDB_VERSION} with ${path.basename(patch)} (go build)`, () =>
      run('go', ['build', '-trimpath', '-o', partial, './cmd/ferretdb'], { cwd: src }),
    );
    renameSync(partial, binary);
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
  removeOtherBuilds(path.dirname(binary));
}

async function applyPatch(patch: string, dir: string): Promise<void> {
  if (commandExists('patch'))
    await run('patch', ['-p1', '--batch', '--forward', '--quiet', '-i', patch], { cwd: dir });
  else await run('git', ['apply', '-p1', patch], { cwd: dir });
}

/** Older builds (unpatched, or with an earlier patch) would only take space; a running one keeps its inode. */
function removeOtherBuilds(keep: string): void {
  for (const entry of readdirSync(cacheDir)) {
    const dir = path.join(cacheDir, entry);
    if (entry.startsWith('ferretdb-') && dir !== keep) rmSync(dir, { recursive: true, force: true });
  }
}
