import { SOAKED, type ProcessFigures } from './metrics';
import { Window } from './stats';
import { verdictLines } from './verdict';

// a minute of every service at these figures
const minute = (f: Partial<ProcessFigures> = {}): Record<string, ProcessFigures> =>
  Object.fromEntries(
    SOAKED.map((n) => [
      n,
      {
        rssMb: 300,
        heapMb: 120,
        nativeMb: 100,
        lagP99Ms: 20,
        cpuSeconds: 30,
        cpuPct: 25,
        heapLowMb: 60,
        nativeLowMb: 100,
        rssLowMb: 250,
        ...f,
      },
    ]),
  );

const answered = (ms: number, errors = 0) => {
  const w = new Window();
  for (let i = 0; i < 100; i++) w.record('catalog.list', ms);
  for (let i = 0; i < errors; i++) w.record('order.create', 10_000, 'TimeoutError');
  w.sent = 100 + errors;
  return w;
};

// minute 1 is warm-up; minutes 2–5 against 6–9 (`at` replaces single minutes' figures, by index)
const verdict = (
  late: Partial<ProcessFigures>,
  { p99 = 50, errors = 0, at = {} as Record<number, Partial<ProcessFigures>> } = {},
) =>
  verdictLines(
    Array.from({ length: 9 }, (_, i) => answered(i < 5 ? 50 : p99, i === 8 ? errors : 0)),
    Array.from({ length: 9 }, (_, i) => minute({ ...(i < 5 ? {} : late), ...at[i] })),
    0,
  ).join('\n');

describe("bench:soak's verdict", () => {
  it('passes a run whose floors stay where they were', () => {
    const v = verdict({ heapLowMb: 64, nativeLowMb: 104 });
    expect(v).toMatch(/zero errors: PASS/);
    expect(v).toMatch(/flat memory: PASS/);
    expect(v).toMatch(/flat p99: {4}PASS/);
  });

  it('fails memory when the heap floor rises (a leak in JavaScript)', () => {
    const v = verdict({ heapLowMb: 90 });
    expect(v).toMatch(/flat memory: FAIL/);
    expect(v).toMatch(/heap in use: .*order-service 60→90 \(rose\)/);
  });

  it('fails memory when native memory rises with the heap flat (a leak in a driver or DuckDB)', () => {
    expect(verdict({ nativeLowMb: 160 })).toMatch(/flat memory: FAIL/);
    // V8's young generation moves RSS less the heap by up to 32 MB without any leak
    expect(verdict({ nativeLowMb: 130 })).toMatch(/flat memory: PASS/);
  });

  it('passes RSS that grew with the heap V8 holds while neither floor rose, and prints it', () => {
    const v = verdict({ rssLowMb: 400 });
    expect(v).toMatch(/flat memory: PASS/);
    expect(v).toMatch(/RSS \(shown\): .*ml-engine 250→400/);
  });

  it('takes no single minute for the floor: one low minute in the first half is no rise', () => {
    // a minute whose low came right after a collection, then the floor as before
    expect(verdict({}, { at: { 3: { heapLowMb: 30, nativeLowMb: 40 } } })).toMatch(/flat memory: PASS/);
    // but a floor that rose in most minutes of the second half did rise
    expect(verdict({}, { at: { 5: { heapLowMb: 90 }, 6: { heapLowMb: 90 }, 7: { heapLowMb: 90 } } })).toMatch(
      /flat memory: FAIL/,
    );
  });

  it('fails memory for a service that never answered its scrapes', () => {
    expect(verdict({ heapLowMb: NaN })).toMatch(/flat memory: FAIL/);
  });

  it('fails on any error and on a p99 that drifted', () => {
    expect(verdict({}, { errors: 1 })).toMatch(/zero errors: FAIL \(1\)/);
    expect(verdict({}, { p99: 200 })).toMatch(/flat p99: {4}FAIL/);
  });
});
