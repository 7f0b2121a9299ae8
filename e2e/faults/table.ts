import { type FaultRecord } from './faults';
import {
  noOutcomes,
  type InvariantResult,
  type OperationCounts,
  type OutcomeCounts,
} from './invariant-result';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const row = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

/** The run as a table: operations by kind and outcome, the faults injected, and each invariant. */
export function faultTable(run: {
  operations: OperationCounts;
  faults: FaultRecord[];
  invariants: InvariantResult[];
  wallMs: number;
}): string {
  const ops = [34, 7, 7, 7, 7, 10, 10, 8];
  const lines = [
    '',
    `Fault suite: ${run.faults.length} faults under load, ${secs(run.wallMs)} in all`,
    '',
    row(['operation', 'sent', '2xx', '4xx', '503', 'other 5xx', 'no answer', 'retried'], ops),
  ];
  const cells = (c: OutcomeCounts) => [
    c.sent,
    c.ok,
    c.clientError,
    c.unavailable,
    c.serverError,
    c.noAnswer,
    c.retried,
  ];
  const total = noOutcomes();
  for (const [kind, c] of Object.entries(run.operations).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(row([kind, ...cells(c)], ops));
    for (const k of Object.keys(total) as (keyof OutcomeCounts)[]) total[k] += c[k];
  }
  lines.push(row(['all', ...cells(total)], ops));
  const fw = [34, 10, 10];
  lines.push('', row(['fault', 'outage', 'recovery'], fw));
  for (const f of run.faults) lines.push(row([f.name, secs(f.outageMs), secs(f.recoveryMs)], fw));
  const iw = [50, 8, 10];
  lines.push('', row(['invariant', 'checked', 'violations'], iw));
  for (const i of run.invariants) lines.push(row([i.name, i.checked, i.violations.length], iw));
  const violations = run.invariants.flatMap((i) => i.violations.slice(0, 20).map((v) => `  ${i.name}: ${v}`));
  if (violations.length) lines.push('', 'violations (at most 20 per invariant):', ...violations);
  return `${lines.join('\n')}\n`;
}
