import { SOAKED, type ProcessFigures } from './metrics';
import { fmt, percentile, type Window } from './stats';

/** RSS may grow this much from the first measured minute after warm-up to the last and still be flat. */
const RSS_GROWTH = 1.15;
/** The last minute's p99 may be this many times the first minute's and still be flat. */
const P99_DRIFT = 1.5;

/**
 * The soak's three goals, each PASS or FAIL with its figures: zero errors; flat memory (each service's RSS
 * from minute 2, after the warm-up, to the last grows by at most 15%; a service whose /metrics did not
 * answer fails); flat p99 (the last minute's at most 1.5 × the first minute's), with the p99 of every
 * minute so a slow drift shows too.
 */
export function verdictLines(
  windows: Window[],
  figures: Record<string, ProcessFigures>[],
  mails: number,
): string[] {
  const errors = windows.reduce((sum, w) => sum + w.errors, 0);
  const sent = windows.reduce((sum, w) => sum + w.sent, 0);
  const p99s = windows.map((w) => percentile(w.all(), 99));
  const [p99First, p99Last] = [p99s[0], p99s[p99s.length - 1]];
  const from = figures[Math.min(1, figures.length - 1)];
  const last = figures[figures.length - 1];
  const grown = SOAKED.filter(
    (n) => !(last[n].rssMb <= from[n].rssMb * RSS_GROWTH), // NaN (no answer) fails too
  );
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const rss = SOAKED.map((n) => `${n} ${fmt(from[n].rssMb)}→${fmt(last[n].rssMb)}`).join(', ');
  return [
    `verdict: ${sent} requests, ${errors} errors; receipts and other mails sent: ${mails}`,
    `  zero errors: ${pass(errors === 0)} (${errors})`,
    `  flat memory: ${pass(grown.length === 0)} (RSS MB, minute ${figures.length > 1 ? 2 : 1} → last: ${rss})`,
    `  flat p99:    ${pass(p99Last <= p99First * P99_DRIFT)} (${fmt(p99First, 1)} → ${fmt(p99Last, 1)} ms; ` +
      `per minute ${p99s.map((p) => fmt(p)).join(' ')})`,
  ];
}
