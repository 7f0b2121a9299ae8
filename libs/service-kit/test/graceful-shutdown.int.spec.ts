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

/** The fixture service as a child process, and ways to wait for what it prints. */
function startFixture(env: Record<string, string> = {}) {
  const child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.base.json', path.join(__dirname, 'fixtures/slow-service.ts')],
    { cwd: root, env: { ...process.env, ...env } },
  );
  let out = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    listeners.splice(0).forEach((l) => l());
  });
  const onOutput = (cb: () => void) => listeners.push(cb);
  return {
    child,
    output: () => out,
    exited: new Promise<number | null>((resolve) => child.on('exit', resolve)),
    /** Resolves once the fixture holds `n` requests. */
    holding: (n: number) =>
      waitFor(
        () => (out.match(/^held$/gm) ?? []).length,
        (h) => h === n,
        onOutput,
      ),
    printed: (text: string) =>
      waitFor(
        () => out,
        (o) => o.includes(text),
        onOutput,
      ),
    port: async () => (await waitFor(() => /port=(\d+)/.exec(out), Boolean, onOutput))![1],
  };
}

describe('graceful shutdown on SIGTERM', () => {
  it('turns /ready 503 at once, serves in-flight and new requests while draining, then stops accepting, finishes them, runs the closers and exits 0', async () => {
    const svc = startFixture();
    try {
      const port = await svc.port();
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/ready`)).status).toBe(200);

      const inFlight = fetch(`${base}/slow`);
      await svc.holding(1); // the request is being handled
      svc.child.kill('SIGTERM');

      await until(async () => (await fetch(`${base}/ready`)).status === 503);
      // draining: the load balancer has not noticed yet, so a new request must still be served
      const duringDrain = fetch(`${base}/slow`);
      await svc.holding(2);
      expect(await refused(port)).toBe(false);

      svc.child.stdin.write('end-drain\n');
      await svc.printed('Stopped accepting connections');
      expect(await refused(port)).toBe(true);
      expect(svc.output()).not.toContain('closed'); // the closers wait for the requests in flight

      svc.child.stdin.write('release\n');
      for (const res of [await inFlight, await duringDrain]) {
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ done: true });
      }
      expect(await svc.exited).toBe(0);
      expect(svc.output()).toContain('closed');
      // they finished by themselves: the shutdown waited for them, it did not reach the grace-period cut
      expect(svc.output()).not.toContain('Requests still in flight after the grace period');
    } finally {
      svc.child.kill('SIGKILL');
    }
  });

  it('cuts the requests still in flight after the grace period, then runs the closers and exits 0', async () => {
    const svc = startFixture({ GRACE_MS: '50' });
    try {
      const stuck = fetch(`http://127.0.0.1:${await svc.port()}/slow`).then(
        () => 'answered',
        () => 'cut',
      );
      await svc.holding(1);
      svc.child.kill('SIGTERM');
      await svc.printed('draining');
      svc.child.stdin.write('end-drain\n'); // and the request is never released
      expect(await svc.exited).toBe(0);
      expect(await stuck).toBe('cut');
      expect(svc.output()).toContain('Requests still in flight after the grace period');
      expect(svc.output()).toContain('closed');
    } finally {
      svc.child.kill('SIGKILL');
    }
  });
});
