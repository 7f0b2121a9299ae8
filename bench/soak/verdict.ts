import { SOAKED, type ProcessFigures } from './metrics';
import { fmt, percentile, type Window } from './stats';

/** The second half's RSS floor may be this much above the first half's and still be flat. */
const RSS_GROWTH = 1.15;
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
// the lowest of a sawtooth: what the garbage collector could not give back (NaN, no answer, fails)
const floor = (xs: number[]) => (xs.some(Number.isNaN) ? NaN : Math.min(...xs));

/**
 * The soak's three goals, each PASS or FAIL with its figures, comparing the first half of the minutes
 * after warm-up with the second: zero errors; flat memory (each service's lowest RSS in the second half
 * at most 15% above its lowest in the first: RSS is a garbage collector's sawtooth, and a leak raises
 * its floor, where one minute against another compares two points of the saw); flat p99 (the second
 * half's median p99 at most 1.5 × the first's), with the p99 of every minute so a slow drift shows too.
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
  const floors = SOAKED.map((n) => {
    const [from, to] = [early, late].map((half) => floor(half.map((f) => f[n].rssMb)));
    return { n, from, to, flat: to <= from * RSS_GROWTH }; // NaN (no answer) fails too
  });
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const span = (half: unknown[], offset: number) => `${offset + 1}–${offset + half.length}`;
  const minutes = `minutes ${span(early, 1)} → ${span(late, 1 + early.length)}`;
  const rss = floors.map((f) => `${f.n} ${fmt(f.from)}→${fmt(f.to)}`).join(', ');
  return [
    `verdict: ${sent} requests, ${errors} errors; receipts and other mails sent: ${mails}`,
    `  zero errors: ${pass(errors === 0)} (${errors})`,
    `  flat memory: ${pass(floors.every((f) => f.flat))} (lowest RSS MB, ${minutes}: ${rss})`,
    `  flat p99:    ${pass(p99Late <= p99Early * P99_DRIFT)} (median p99 ${fmt(p99Early, 1)} → ${fmt(p99Late, 1)} ms, ` +
      `${minutes}; per minute ${p99s.map((p) => fmt(p)).join(' ')})`,
  ];
}
