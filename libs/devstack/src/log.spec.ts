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
});

describe('elapsed', () => {
  it('shows tenths under ten seconds and whole seconds above', () => {
    expect(elapsed(0, 420)).toBe('0.4 s');
    expect(elapsed(0, 125_400)).toBe('125 s');
  });
});
