import { spawn } from 'node:child_process';
import path from 'node:path';
import { startPrivateServer, type PrivateServer } from '@platform/devstack/testing';

const root = path.resolve(__dirname, '../../..');

/**
 * A PostgreSQL restart ends every connection, also those of clients a service has checked out and is
 * not using at that moment (between two statements of a transaction, a compaction). pg-pool takes its
 * own error listener off a checked-out client, so without ours the client's 'error' event was uncaught
 * and took the whole process down ("Connection terminated unexpectedly", data-pipeline in the fault
 * suite). The holder runs as a child process so that the crash, if it comes, is its exit code.
 */
describe('createPgPool through a PostgreSQL restart', () => {
  let pg: PrivateServer<'postgres'>;

  beforeAll(async () => {
    pg = await startPrivateServer('postgres');
  }, 120_000);

  afterAll(async () => {
    await pg?.dispose();
  });

  it('keeps a process alive whose checked-out, idle client loses its connection', async () => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tsconfig.base.json', path.join(__dirname, 'fixtures/idle-checked-out-client.ts')],
      { cwd: root, env: { ...process.env, DATABASE_URL: pg.url() } },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('checked-out')) resolve();
      });
      exited.then(() => reject(new Error(`the holder exited before checking out a client: ${err}`)));
    });

    await pg.stop();
    await pg.restart();

    const code = await exited;
    expect({ code, out, err }).toEqual({ code: 0, out: 'checked-out\nsurvived\n', err: '' });
  }, 120_000);
});
