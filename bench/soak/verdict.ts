import { SOAKED, type ProcessFigures } from './metrics';
import { fmt, percentile, type Window } from './stats';

/**
 * A floor of the second half may be 15% above the first half's, or `slackMb`, and still be flat: a heap
 * floor of 40 MB moves a few MB with what the minute happened to allocate (10 MB), and RSS less V8's heap
 * moves by up to its young generation (32 MB, committed to the heap whether resident or not: a flat
 * payment-service's minute lows went 13–69 MB in one soak). A leak such as DuckDB's (20 MB a minute)
 * rises far past both.
 */
// NaN (no answer) fails
const flatFloor = (from: number, to: number, slackMb: number) => to <= from * 1.15 || to - from <= slackMb;
/** The second half's median p99 may be this many times the first half's and still be flat. */
const P99_DRIFT = 1.5;

/** Splits the minutes after warm-up (the first) into two halves. */
const halves = <T>(perMinute: T[]): [T[], T[]] => {
  const measured = perMinute.length > 2 ? perMinute.slice(1) : perMinute;
  const mid = Math.ceil(measured.length / 2);
  return [measured.slice(0, mid), measured.slice(mid)];
};
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
// a half's floor: the median of its minutes' lows (one minute whose low came right after a collection,
// or while V8 had just grown its heap, moves it no more than a minute does); NaN, no answer, fails
const floor = (xs: number[]) => (xs.some(Number.isNaN) ? NaN : median(xs));

/**
 * The soak's three goals, each PASS or FAIL with its figures, comparing the first half of the minutes
 * after warm-up with the second: zero errors; flat memory; flat p99 (the second half's median p99 at most
 * 1.5 × the first's), with the p99 of every minute so a slow drift shows too.
 *
 * Memory is flat when, for every service, neither floor rose, each the median over a half of the
 * minutes' lows: the JavaScript heap in use (a minute's low is the floor of the garbage collector's
 * sawtooth, sampled every few seconds, which a leak in JavaScript raises) and native memory (RSS less
 * the heap V8 holds, which a leak in a driver or DuckDB raises). RSS alone also rises when V8 grows its
 * heap once and keeps it (it gives memory back to the system lazily on a large host), which is no leak;
 * its floors are printed beside them, not judged.
 */
export function verdictLines(
  windows: Window[],
  figures: Record<string, ProcessFigures>[],
  mails: number,
): string[] {
  const errors = windows.reduce((sum, w) => sum + w.errors, 0);
  const sent = windows.reduce((sum, w) => sum + w.sent, 0);
  const p99s = windows.map((w) => percentile(w.all(), 99));
  const [p99Early, p99Late] = halves(p99s).map(median);
  const [early, late] = halves(figures);
  const floors = (pick: (f: ProcessFigures) => number, slackMb: number) =>
    SOAKED.map((n) => {
      const [from, to] = [early, late].map((half) => floor(half.map((f) => pick(f[n]))));
      return { n, from, to, flat: flatFloor(from, to, slackMb) };
    });
  const heap = floors((f) => f.heapLowMb, 10);
  const native = floors((f) => f.nativeLowMb, 32);
  const rss = floors((f) => f.rssLowMb, 0); // shown, not judged
  const memoryFlat = [...heap, ...native].every((f) => f.flat);
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const span = (half: unknown[], offset: number) => `${offset + 1}–${offset + half.length}`;
  const minutes = `minutes ${span(early, 1)} → ${span(late, 1 + early.length)}`;
  const list = (fs: typeof heap) =>
    fs.map((f) => `${f.n} ${fmt(f.from)}→${fmt(f.to)}${f.flat ? '' : ' (rose)'}`).join(', ');
  return [
    `verdict: ${sent} requests, ${errors} errors; receipts and other mails sent: ${mails}`,
    `  zero errors: ${pass(errors === 0)} (${errors})`,
    `  flat memory: ${pass(memoryFlat)} (median of the minutes' lows, MB, ${minutes})`,
    `    heap in use: ${list(heap)}`,
    `    native:      ${list(native)}`,
    `    RSS (shown): ${rss.map((f) => `${f.n} ${fmt(f.from)}→${fmt(f.to)}`).join(', ')}`,
    `  flat p99:    ${pass(p99Late <= p99Early * P99_DRIFT)} (median p99 ${fmt(p99Early, 1)} → ${fmt(p99Late, 1)} ms, ` +
      `${minutes}; per minute ${p99s.map((p) => fmt(p)).join(' ')})`,
  ];
}
