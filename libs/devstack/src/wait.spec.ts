import { waitFor } from './wait';
import { freePort, portOpen } from './ports';

describe('waitFor', () => {
  it('resolves once the probe says yes, riding over probe errors', async () => {
    let n = 0;
    await waitFor(
      'thing',
      async () => {
        n++;
        if (n < 2) throw new Error('not yet');
        return n >= 3;
      },
      { intervalMs: 1 },
    );
    expect(n).toBe(3);
  });

  it('times out naming what it waited for and the last error', async () => {
    await expect(
      waitFor('kafka', () => Promise.reject(new Error('ECONNREFUSED')), { timeoutMs: 30, intervalMs: 5 }),
    ).rejects.toThrow('kafka did not become ready within 30 ms: ECONNREFUSED');
  });

  it('gives up at once when the process it waits for has died', async () => {
    await expect(
      waitFor('redis', async () => false, { timeoutMs: 10_000, failed: () => 'the process exited' }),
    ).rejects.toThrow('redis failed: the process exited');
  });
});

describe('ports', () => {
  it('finds a free port that nothing answers on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1024);
    await expect(portOpen(port)).resolves.toBe(false);
  });
});
