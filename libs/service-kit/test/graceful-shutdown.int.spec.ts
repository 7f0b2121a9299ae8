import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the request in flight, runs the closers, refuses new connections and exits 0', async () => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tsconfig.base.json', path.join(__dirname, 'fixtures/slow-service.ts')],
      { cwd: root },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const port = await new Promise<string>((resolve) => {
      const poll = setInterval(() => {
        const m = /port=(\d+)/.exec(out);
        if (m) {
          clearInterval(poll);
          resolve(m[1]);
        }
      }, 50);
    });

    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await new Promise((r) => setTimeout(r, 200)); // the request is being handled
    child.kill('SIGTERM');

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    expect(await exited).toBe(0);
    expect(out).toContain('closed');
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow();
  });
});
