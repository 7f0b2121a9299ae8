import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Resolves once `read()` satisfies `done`, checking whenever the child prints something. */
function waitFor<T>(read: () => T, done: (v: T) => boolean, onOutput: (cb: () => void) => void): Promise<T> {
  return new Promise((resolve) => {
    const check = () => {
      const v = read();
      if (done(v)) resolve(v);
      else onOutput(check);
    };
    check();
  });
}

/** Polls until `probe` resolves true (each poll is one HTTP round trip: no fixed sleep). */
async function until(probe: () => Promise<boolean>): Promise<void> {
  while (!(await probe())) await new Promise((r) => setImmediate(r));
}

const refused = (port: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });

describe('graceful shutdown on SIGTERM', () => {
  it('turns /ready 503 at once, serves in-flight and new requests while draining, then stops accepting, finishes them, runs the closers and exits 0', async () => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tsconfig.base.json', path.join(__dirname, 'fixtures/slow-service.ts')],
      { cwd: root },
    );
    let out = '';
    const listeners: (() => void)[] = [];
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      listeners.splice(0).forEach((l) => l());
    });
    const onOutput = (cb: () => void) => listeners.push(cb);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const held = () => (out.match(/^held$/gm) ?? []).length;
    try {
      const port = (await waitFor(() => /port=(\d+)/.exec(out), Boolean, onOutput))![1];
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/ready`)).status).toBe(200);

      const inFlight = fetch(`${base}/slow`);
      await waitFor(held, (n) => n === 1, onOutput); // the request is being handled
      child.kill('SIGTERM');

      await until(async () => (await fetch(`${base}/ready`)).status === 503);
      // draining: the load balancer has not noticed yet, so a new request must still be served
      const duringDrain = fetch(`${base}/slow`);
      await waitFor(held, (n) => n === 2, onOutput);
      expect(await refused(port)).toBe(false);

      child.stdin.write('end-drain\n');
      await waitFor(
        () => out,
        (o) => o.includes('Stopped accepting connections'),
        onOutput,
      );
      expect(await refused(port)).toBe(true);
      expect(out).not.toContain('closed'); // the closers wait for the requests in flight

      child.stdin.write('release\n');
      for (const res of [await inFlight, await duringDrain]) {
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ done: true });
      }
      expect(await exited).toBe(0);
      expect(out).toContain('closed');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
