import { elapsed, step } from './log';

/** A clock the test moves: each reading advances it by the given steps. */
const clock = (...readings: number[]) => {
  let i = 0;
  return () => readings[Math.min(i++, readings.length - 1)];
};

describe('step', () => {
  it('says what runs before it starts and how long it took after', async () => {
    const lines: string[] = [];
    const result = await step('building FerretDB', () => 'built', {
      report: (m) => lines.push(m),
      now: clock(1_000, 84_000),
    });
    expect(result).toBe('built');
    expect(lines).toEqual(['building FerretDB …', 'building FerretDB: done in 83 s']);
  });

  it('says that it failed, after how long, and passes the error on', async () => {
    const lines: string[] = [];
    await expect(
      step(
        'installing maven with apt-get',
        () => {
          throw new Error('apt-get exited with 100');
        },
        { report: (m) => lines.push(m), now: clock(0, 2_500) },
      ),
    ).rejects.toThrow('apt-get exited with 100');
    expect(lines).toEqual([
      'installing maven with apt-get …',
      'installing maven with apt-get: failed after 2.5 s',
    ]);
  });

  it('prints the line before the work starts, so a long step is not silent', async () => {
    const lines: string[] = [];
    await step('go build', () => expect(lines).toEqual(['go build …']), { report: (m) => lines.push(m) });
  });

  it('keeps saying that a long step is still running, and stops once it is done', async () => {
    jest.useFakeTimers();
    try {
      let t = 0;
      let finish = () => undefined as void;
      const lines: string[] = [];
      const running = step('go build', () => new Promise<void>((resolve) => (finish = resolve)), {
        report: (m) => lines.push(m),
        now: () => t,
        heartbeatMs: 30_000,
      });
      t = 30_000;
      jest.advanceTimersByTime(30_000);
      t = 60_000;
      jest.advanceTimersByTime(30_000);
      t = 61_000;
      finish();
      await running;
      jest.advanceTimersByTime(60_000);
      expect(lines).toEqual([
        'go build …',
        'go build: still running after 30 s',
        'go build: still running after 60 s',
        'go build: done in 61 s',
      ]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('elapsed', () => {
  it('shows tenths under ten seconds and whole seconds above', () => {
    expect(elapsed(0, 420)).toBe('0.4 s');
    expect(elapsed(0, 125_400)).toBe('125 s');
  });
});
