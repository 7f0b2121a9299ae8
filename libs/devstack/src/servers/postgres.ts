import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { aptInstall } from '../apt';
import { dataDir, stackDir } from '../paths';
import { spawnServer, stopServer } from '../process';
import { type Server } from './server';

/** PostgreSQL from Debian's packages. As root it runs as the `postgres` system user, as initdb requires. */
export class PostgresServer implements Server {
  constructor(
    readonly name = 'postgres',
    readonly port = 5432,
    readonly dir = clusterDir(name),
  ) {}

  async install(): Promise<void> {
    if (!binDir()) await aptInstall(['postgresql']);
    if (!binDir()) throw new Error('PostgreSQL binaries not found after installing the postgresql package');
  }

  async start(): Promise<void> {
    if (!existsSync(path.join(this.dir, 'PG_VERSION'))) initCluster(this.dir);
    const owner = serverUser();
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      // devstack data is disposable: trade crash safety of the OS for test speed on small machines
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '300',
    };
    const args = ['-D', this.dir, '-p', String(this.port)];
    for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
    spawnServer(this.name, path.join(binDir() as string, 'postgres'), args, { ...owner });
  }

  async ready(): Promise<boolean> {
    const client = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to disconnect.
  async stop(): Promise<void> {
    await stopServer(this.name, 20_000, 'SIGINT');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  env(): Record<string, string> {
    return { POSTGRES_URL: `postgres://postgres@127.0.0.1:${this.port}` };
  }
}

/** Whether a user other than the owner can reach `dir` (every folder on the way is o+x). */
function traversable(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * Where a cluster lives: under .devstack/, unless we run as root and the `postgres` user cannot reach
 * the checkout (a clone below /root, say); then in a folder of its own under /var/tmp.
 */
function clusterDir(name: string): string {
  if (process.getuid?.() !== 0 || traversable(stackDir)) return dataDir(name);
  const id = createHash('sha256').update(stackDir).digest('hex').slice(0, 8);
  return path.join('/var/tmp', `platform-devstack-${id}`, 'data', name);
}

/** The newest /usr/lib/postgresql/<version>/bin that holds initdb. */
function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

/** PostgreSQL refuses to run as root; when we are root, run it as the package's `postgres` user. */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** initdb once into a template folder, then copy it: a fresh cluster in well under a second. */
function initCluster(dir: string): void {
  const template = path.join(path.dirname(dir), '..', 'templates', 'postgres');
  const { uid, gid } = serverUser();
  if (!existsSync(path.join(template, 'PG_VERSION'))) {
    mkdirSync(template, { recursive: true });
    if (uid !== undefined && gid !== undefined) chownSync(template, uid, gid);
    execFileSync(
      path.join(binDir() as string, 'initdb'),
      ['-D', template, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'],
      { uid, gid, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(template, dir, { recursive: true, preserveTimestamps: true });
  if (uid !== undefined && gid !== undefined) execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
  execFileSync('chmod', ['700', dir]);
}
