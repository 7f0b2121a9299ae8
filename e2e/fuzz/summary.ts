// Reads schemathesis' closing report: what npm test's output keeps of a pass, and its figures.
import { stripVTControlCharacters } from 'node:util';

export interface PassFigures {
  operations: number;
  cases: number;
  failures: number;
  errors: number;
}

const number = (text: string, re: RegExp) => Number(re.exec(text)?.[1] ?? 0);

/**
 * The report from its first `=== FAILURES ===`-like heading on (failures, errors, warnings, summary),
 * without the live progress that schemathesis redraws before it even when its output is a pipe.
 */
export function closingReport(output: string): string {
  const lines = stripVTControlCharacters(output).split(/\r?\n/);
  const start = lines.findIndex((l) => /^={3,} [A-Z ]+ ={3,}$/.test(l));
  return (start < 0 ? lines.slice(-40) : lines.slice(start)).filter((l) => l.trim() !== '').join('\n');
}

/** Operations tested, cases generated, unique failures and errors, from the SUMMARY block. */
export function figuresOf(output: string): PassFigures {
  const report = closingReport(output);
  const last = /^=+ (.*) in [\d.]+s =+$/m.exec(report)?.[1] ?? '';
  return {
    operations: number(report, /^\s*Tested: (\d+)/m),
    cases: number(report, /^\s*(\d+) generated/m),
    failures: number(last, /(\d+) failures?/),
    errors: number(last, /(\d+) errors?/),
  };
}

export const addFigures = (a: PassFigures, b: PassFigures): PassFigures => ({
  operations: a.operations + b.operations,
  cases: a.cases + b.cases,
  failures: a.failures + b.failures,
  errors: a.errors + b.errors,
});

/** One line per service, the one npm test's log keeps: `[fuzz] summary user-service: 22 operations, …`. */
export const summaryLine = (service: string, f: PassFigures, seconds: number): string =>
  `summary ${service}: ${f.operations} operations, ${f.cases} cases, ${f.failures} failures, ` +
  `${f.errors} errors (${seconds} s)`;
