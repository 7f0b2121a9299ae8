import { poll } from './polling';

describe('poll', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads again every interval and stops at a final answer', async () => {
    const answers = ['queued', 'running', 'completed', 'never'];
    const load = vi.fn(async () => answers.shift() as string);
    const seen: string[] = [];
    poll({ load, every: 2000, onData: (s) => seen.push(s), done: (s) => s === 'completed' });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['queued']);
    await vi.advanceTimersByTimeAsync(1999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['queued', 'running']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual(['queued', 'running', 'completed']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps polling after a failed load, reporting it', async () => {
    let n = 0;
    const load = vi.fn(async () => {
      if (++n === 1) throw new Error('down');
      return n;
    });
    const errors: unknown[] = [];
    const seen: number[] = [];
    poll({ load, every: 1000, onData: (d) => seen.push(d), onError: (e) => errors.push(e) });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual([2]);
  });

  it('stops when told, even with a load under way', async () => {
    let resolve: (v: number) => void = () => undefined;
    const load = vi.fn(() => new Promise<number>((r) => (resolve = r)));
    const onData = vi.fn();
    const p = poll({ load, every: 1000, onData });
    p.stop();
    resolve(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(onData).not.toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
