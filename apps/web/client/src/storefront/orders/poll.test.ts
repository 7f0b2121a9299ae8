import { cancellable, FINAL_STATUSES, pollUntil } from './poll';

describe('pollUntil', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads every interval until a final status, then stops', async () => {
    const answers = ['pending', 'pending', 'confirmed', 'confirmed'];
    const seen: string[] = [];
    let calls = 0;
    pollUntil(
      async () => answers[calls++],
      (s) => FINAL_STATUSES.has(s),
      (s) => seen.push(s),
      () => undefined,
      1000,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['pending']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['pending', 'pending']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['pending', 'pending', 'confirmed']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(3);
  });

  it('goes on after a failed load, and stop() ends it', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const stop = pollUntil(
      async () => {
        calls++;
        if (calls === 1) throw new Error('blip');
        return 'pending';
      },
      (s) => FINAL_STATUSES.has(s),
      () => undefined,
      (e) => errors.push(e),
      1000,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(2);
  });
});

describe('cancellable', () => {
  it('is pending and confirmed only', () => {
    expect(
      ['pending', 'confirmed', 'failed', 'cancelled', 'expired', 'fulfilled'].filter(cancellable),
    ).toEqual(['pending', 'confirmed']);
  });
});
