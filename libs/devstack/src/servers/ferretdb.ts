import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { say } from '../log';
import { cacheDir, dataDir } from '../paths';
import { commandExists, run, spawnServer, stopServer } from '../process';
import { type Server } from './server';

const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const binary = path.join(cacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');

/** FerretDB 1.24 with its SQLite backend: the MongoDB wire protocol, built from the Go module proxy. */
export class FerretDbServer implements Server {
  constructor(
    readonly name = 'ferretdb',
    readonly port = 27017,
    readonly dir = dataDir(name),
  ) {}

  async install(): Promise<void> {
    if (existsSync(binary)) return;
    if (!commandExists('go')) throw new Error('FerretDB is built from source and needs Go 1.22+ on PATH');
    say(`building FerretDB ${FERRETDB_VERSION} from the Go module proxy (once)`);
    buildFerretDb();
  }

  async start(): Promise<void> {
    mkdirSync(path.join(this.dir, 'sqlite'), { recursive: true });
    mkdirSync(path.join(this.dir, 'state'), { recursive: true });
    spawnServer(this.name, binary, [
      '--handler=sqlite',
      `--sqlite-url=file:${path.join(this.dir, 'sqlite')}/`,
      `--listen-addr=127.0.0.1:${this.port}`,
      `--state-dir=${path.join(this.dir, 'state')}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ]);
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
 * the proxy refuses for this module. So: download that exact version, add the version file FerretDB's
 * release build generates, and build it.
 */
function buildFerretDb(): void {
  const info = JSON.parse(run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`]));
  const src = mkdtempSync(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(info.Dir, src, { recursive: true });
    run('chmod', ['-R', 'u+w', src]);
    writeFileSync(path.join(src, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
    mkdirSync(path.dirname(binary), { recursive: true });
    run('go', ['build', '-trimpath', '-o', binary, './cmd/ferretdb'], { cwd: src });
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}
